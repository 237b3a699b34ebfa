/**
 * A KTAP v1 parser (Linux Documentation/dev-tools/ktap.rst) for the test
 * reports the kernel prints on its serial port.
 *
 * - A document starts at "KTAP version 1" (also "TAP version 13/14"); lines
 *   before it, and any line that is not KTAP, are console output and ignored.
 * - Nested suites are indented deeper than their parent (two spaces in
 *   OpenOS, four in older KUnit: any deeper indent opens one), start with
 *   their own version line, "# Subtest: name" or plan, and end with the
 *   parent's result line for them.
 * - Result lines: `ok|not ok <n> [- ]<name> [# <directive> <reason>]`;
 *   directives SKIP, TODO, XFAIL, TIMEOUT, ERROR.
 * - `# text` lines are diagnostics, attached to the next result line of the
 *   same suite (KUnit prints a case's failure details before its result).
 *
 * A report passes only if it exists, every suite has a plan matching its
 * results, nothing is left unfinished (a crash truncates the output) and no
 * test failed; a failing child fails its parent even if the parent says ok.
 */

/** The outcome of one test after directives and subtests are considered. */
export type TestStatus = "pass" | "fail" | "skip" | "todo";

/** A `# DIRECTIVE reason` suffix of a result line. */
export interface Directive {
  kind: "SKIP" | "TODO" | "XFAIL" | "TIMEOUT" | "ERROR";
  reason: string;
}

/** One result line, with the nested suite it reports on, if any. */
export interface KtapTest {
  /** The test number as printed (numbering restarts in every suite). */
  number: number;
  name: string;
  /** Whether the line said "ok" (before directives and subtests). */
  ok: boolean;
  directive: Directive | null;
  status: TestStatus;
  /** Diagnostic lines printed in the suite before this result. */
  diagnostics: string[];
  /** The nested suite this line closes, if the test has subtests. */
  subtests: KtapSuite | null;
  /** 1-based line number in the input. */
  line: number;
}

/** A KTAP document or nested block. */
export interface KtapSuite {
  /** From "# Subtest: name"; null for the top level or unnamed blocks. */
  name: string | null;
  /** N of the plan line "1..N", or null if none was printed. */
  plan: number | null;
  /** Reason of a "1..0 # SKIP reason" plan, else null. */
  skipReason: string | null;
  tests: KtapTest[];
  /** Diagnostics not followed by a result line in this suite. */
  diagnostics: string[];
  /** Protocol problems found in this suite; each one fails the report. */
  errors: string[];
}

/**
 * Test counts. Leaf tests are counted, not the suites holding them; a suite
 * whose own line failed with no failure or error inside it counts as one
 * failure, so no failure goes uncounted.
 */
export interface KtapCounts {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  /** Protocol errors (missing plan, wrong count, truncated output…). */
  errors: number;
}

/** Everything parse() found. */
export interface KtapReport {
  /** The top-level document, or null if the input held no KTAP. */
  root: KtapSuite | null;
  counts: KtapCounts;
  /** True only if there is a document, no failure and no protocol error. */
  passed: boolean;
  /** Every protocol error, prefixed with the suite path. */
  errors: string[];
}

type Line =
  | { kind: "version" }
  | { kind: "subtest"; name: string }
  | { kind: "plan"; count: number; directive: string }
  | { kind: "result"; ok: boolean; number: number; rest: string }
  | { kind: "diagnostic"; text: string }
  | { kind: "other" };

const VERSION_LINE = /^(?:KTAP version 1|TAP version 1[34])$/;
const SUBTEST_LINE = /^# Subtest: (.*)$/;
const PLAN_LINE = /^1\.\.(\d+)\s*(?:#\s*(.*))?$/;
const RESULT_LINE = /^(ok|not ok) (\d+)(?=\s|$)\s*(.*)$/;
const DIAGNOSTIC_LINE = /^#(?:\s(.*))?$/;
const DIRECTIVE = /^(SKIP|TODO|XFAIL|TIMEOUT|ERROR)\b\s*(.*)$/i;

/** Classifies one line with its indentation removed. */
function classify(text: string): Line {
  if (VERSION_LINE.test(text)) return { kind: "version" };
  let match = SUBTEST_LINE.exec(text);
  if (match) return { kind: "subtest", name: match[1]!.trim() };
  match = PLAN_LINE.exec(text);
  if (match) return { kind: "plan", count: Number(match[1]), directive: match[2] ?? "" };
  match = RESULT_LINE.exec(text);
  if (match) return { kind: "result", ok: match[1] === "ok", number: Number(match[2]), rest: match[3]! };
  match = DIAGNOSTIC_LINE.exec(text);
  if (match) return { kind: "diagnostic", text: match[1] ?? "" };
  return { kind: "other" };
}

/** Splits "[- ]name [# directive]" into its name and directive. */
function parseDescription(rest: string): { name: string; directive: Directive | null; note: string | null } {
  const hash = rest.startsWith("#") ? 0 : rest.indexOf(" #");
  const description = (hash < 0 ? rest : rest.slice(0, hash)).trim().replace(/^-\s*/, "");
  if (hash < 0) return { name: description, directive: null, note: null };
  const suffix = rest.slice(hash).replace(/^\s*#\s*/, "");
  const match = DIRECTIVE.exec(suffix);
  if (!match) return { name: description, directive: null, note: suffix };
  const kind = match[1]!.toUpperCase() as Directive["kind"];
  return { name: description, directive: { kind, reason: match[2]!.trim() }, note: null };
}

function newSuite(): KtapSuite {
  return { name: null, plan: null, skipReason: null, tests: [], diagnostics: [], errors: [] };
}

/** A suite being read: its indentation and what awaits the next result. */
interface OpenBlock {
  indent: number;
  suite: KtapSuite;
  pendingDiagnostics: string[];
  /** A nested block that ended and awaits this suite's result line. */
  finishedChild: KtapSuite | null;
}

/** Reads KTAP lines into suites, one line at a time. */
class KtapReader {
  root: KtapSuite | null = null;
  private rootIndent = 0;
  private readonly stack: OpenBlock[] = [];

  private get top(): OpenBlock | undefined {
    return this.stack[this.stack.length - 1];
  }

  read(raw: string, lineNumber: number): void {
    const text = raw.replace(/\r$/, "").trimEnd();
    const body = text.trimStart();
    const indent = text.length - body.length;
    const line = classify(body);
    if (line.kind === "other") return;

    if (this.root === null) {
      if (line.kind !== "version") return;
      this.root = newSuite();
      this.rootIndent = indent;
      this.stack.push(this.block(indent, this.root));
      return;
    }
    if (indent < this.rootIndent) return;

    if (line.kind === "diagnostic") {
      // Never structural: attach to the innermost suite at or above this indent.
      const owner = [...this.stack].reverse().find((block) => block.indent <= indent)!;
      owner.pendingDiagnostics.push(line.text);
      return;
    }
    while (this.top!.indent > indent) this.closeTop();
    if (this.startsSiblingSuite(line, indent)) this.closeTop();
    const top = this.top!;
    if (indent > top.indent) {
      this.claimFinishedChild(top, null);
      const child = this.block(indent, newSuite());
      this.stack.push(child);
      if (line.kind !== "version") this.apply(child, line, lineNumber);
      return;
    }
    this.apply(top, line, lineNumber);
  }

  /** Closes what is still open, as when the output stops. */
  finish(): void {
    while (this.stack.length > 1) this.closeTop();
    const root = this.stack.pop();
    if (root) this.endBlock(root);
  }

  /** A version line level with a nested suite that has already begun opens
   * the next suite: the first one never got its result line. */
  private startsSiblingSuite(line: Line, indent: number): boolean {
    const top = this.top!;
    if (this.stack.length < 2 || indent !== top.indent || line.kind !== "version") return false;
    return top.suite.plan !== null || top.suite.tests.length > 0;
  }

  private block(indent: number, suite: KtapSuite): OpenBlock {
    return { indent, suite, pendingDiagnostics: [], finishedChild: null };
  }

  private apply(block: OpenBlock, line: Line, lineNumber: number): void {
    const suite = block.suite;
    switch (line.kind) {
      case "version":
        if (block === this.stack[0] || suite.plan !== null || suite.tests.length > 0) {
          suite.errors.push(`line ${lineNumber}: unexpected "KTAP version" inside a running suite`);
        }
        return;
      case "subtest":
        if (suite.name === null && suite.tests.length === 0) suite.name = line.name;
        else block.pendingDiagnostics.push(`Subtest: ${line.name}`);
        return;
      case "plan":
        if (suite.plan !== null) {
          suite.errors.push(`line ${lineNumber}: second plan 1..${line.count}`);
          return;
        }
        suite.plan = line.count;
        const match = DIRECTIVE.exec(line.directive);
        if (match && match[1]!.toUpperCase() === "SKIP") suite.skipReason = match[2]!.trim();
        return;
      case "diagnostic":
        block.pendingDiagnostics.push(line.text);
        return;
      case "result":
        this.addResult(block, line, lineNumber);
        return;
      case "other":
        return;
    }
  }

  private addResult(block: OpenBlock, line: Extract<Line, { kind: "result" }>, lineNumber: number): void {
    const { name, directive, note } = parseDescription(line.rest);
    const diagnostics = block.pendingDiagnostics;
    if (note !== null) diagnostics.push(note);
    block.pendingDiagnostics = [];
    const test: KtapTest = {
      number: line.number,
      name,
      ok: line.ok,
      directive,
      status: "pass",
      diagnostics,
      subtests: block.finishedChild,
      line: lineNumber,
    };
    block.finishedChild = null;
    const expected = block.suite.tests.length + 1;
    if (line.number !== expected) {
      block.suite.errors.push(`line ${lineNumber}: test number ${line.number}, expected ${expected}`);
    }
    block.suite.tests.push(test);
  }

  /** Ends the innermost block; it waits for its parent's result line. */
  private closeTop(): void {
    const closed = this.stack.pop()!;
    this.endBlock(closed);
    const parent = this.top!;
    this.claimFinishedChild(parent, closed.suite);
  }

  /** Replaces parent's finished child; an unclaimed one had no result line. */
  private claimFinishedChild(parent: OpenBlock, next: KtapSuite | null): void {
    const orphan = parent.finishedChild;
    if (orphan !== null) {
      parent.suite.errors.push(`subtest ${orphan.name ?? "(unnamed)"} has no result line`);
      parent.suite.tests.push({
        number: parent.suite.tests.length + 1,
        name: orphan.name ?? "(unnamed subtest)",
        ok: false,
        directive: null,
        status: "fail",
        diagnostics: [],
        subtests: orphan,
        line: 0,
      });
    }
    parent.finishedChild = next;
  }

  /** Checks a finished block's plan and keeps its trailing diagnostics. */
  private endBlock(block: OpenBlock): void {
    this.claimFinishedChild(block, null);
    const suite = block.suite;
    suite.diagnostics.push(...block.pendingDiagnostics);
    block.pendingDiagnostics = [];
    if (suite.plan === null) {
      suite.errors.push("no plan (output truncated or test crashed?)");
    } else if (suite.plan !== suite.tests.length) {
      suite.errors.push(`planned ${suite.plan} tests, saw ${suite.tests.length}`);
    }
  }
}

/** Decides a test's status from its line, directive and subtests. */
function resolveStatus(test: KtapTest): TestStatus {
  const subtestsFailed = test.subtests !== null && !resolveSuite(test.subtests);
  const kind = test.directive?.kind;
  if (kind === "SKIP") return "skip";
  if (!test.ok) return kind === "TODO" || kind === "XFAIL" ? "todo" : "fail";
  return subtestsFailed ? "fail" : "pass";
}

/** Resolves every status in a suite; true if nothing in it failed. */
function resolveSuite(suite: KtapSuite): boolean {
  let passed = suite.errors.length === 0;
  for (const test of suite.tests) {
    if (test.status !== "fail") test.status = resolveStatus(test);
    else if (test.subtests) resolveSuite(test.subtests);
    if (test.status === "fail") passed = false;
  }
  return passed;
}

/**
 * Adds up a suite's counts and errors; returns the problems (failures and
 * protocol errors) it counted, so a parent knows whether its own failure is
 * already explained by them.
 */
function tally(suite: KtapSuite, path: string, counts: KtapCounts, errors: string[]): number {
  for (const error of suite.errors) errors.push(path === "" ? error : `${path}: ${error}`);
  counts.errors += suite.errors.length;
  let problems = suite.errors.length;
  for (const test of suite.tests) {
    const inner = test.subtests;
    const innerProblems = inner === null ? 0 : tally(inner, path === "" ? test.name : `${path}.${test.name}`, counts, errors);
    problems += innerProblems;
    if (test.status === "fail" && innerProblems > 0) continue;
    if (inner !== null && inner.tests.length > 0 && test.status !== "fail") continue;
    if (test.status === "pass") counts.passed++;
    else if (test.status === "skip") counts.skipped++;
    else if (test.status === "todo") counts.todo++;
    else {
      counts.failed++;
      problems++;
    }
  }
  return problems;
}

/** Parses serial output (or any text) holding one KTAP v1 document. */
export function parseKtap(text: string): KtapReport {
  const reader = new KtapReader();
  text.split("\n").forEach((line, index) => reader.read(line, index + 1));
  reader.finish();

  const counts: KtapCounts = { passed: 0, failed: 0, skipped: 0, todo: 0, errors: 0 };
  const root = reader.root;
  if (root === null) {
    return { root, counts: { ...counts, errors: 1 }, passed: false, errors: ["no KTAP output"] };
  }
  resolveSuite(root);
  const errors: string[] = [];
  tally(root, "", counts, errors);
  return { root, counts, passed: counts.failed === 0 && counts.errors === 0, errors };
}
