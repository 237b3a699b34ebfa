/**
 * Renders a parsed KTAP report for people: one line per test, indented like
 * the suites, failures with their diagnostics, then the counts.
 */

import type { KtapCounts, KtapReport, KtapSuite, KtapTest } from "./ktap.js";

const STATUS_LABEL: Record<KtapTest["status"], string> = {
  pass: "ok  ",
  fail: "FAIL",
  skip: "skip",
  todo: "todo",
};

function formatTest(test: KtapTest, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  const directive = test.directive ? `  # ${test.directive.kind} ${test.directive.reason}`.trimEnd() : "";
  out.push(`${indent}${STATUS_LABEL[test.status]} ${test.name}${directive}`);
  if (test.status === "fail") {
    for (const line of test.diagnostics) out.push(`${indent}       # ${line}`);
  }
  if (test.subtests) formatSuite(test.subtests, depth + 1, out);
}

function formatSuite(suite: KtapSuite, depth: number, out: string[]): void {
  for (const test of suite.tests) formatTest(test, depth, out);
}

/** "3 passed, 1 failed, …" */
export function formatCounts(counts: KtapCounts): string {
  return (
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ` +
    `${counts.todo} todo, ${counts.errors} errors`
  );
}

/** The whole report as text, ending with a newline. */
export function formatKtapReport(report: KtapReport): string {
  const out: string[] = [];
  if (report.root) formatSuite(report.root, 0, out);
  for (const error of report.errors) out.push(`error: ${error}`);
  out.push(`${report.passed ? "PASS" : "FAIL"}: ${formatCounts(report.counts)}`);
  return out.join("\n") + "\n";
}
