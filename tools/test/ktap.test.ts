import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseKtap } from "../ktap.js";

/** Joins lines the way the kernel prints them on the serial port. */
const serial = (...lines: string[]): string => lines.map((line) => `${line}\r\n`).join("");

describe("parseKtap", () => {
  it("reads a flat report between console lines", () => {
    const report = parseKtap(
      serial("OpenOS: boot ok", "KTAP version 1", "1..2", "ok 1 boot", "console noise", "ok 2 - second", "OpenOS: bye"),
    );
    assert.equal(report.passed, true);
    assert.deepEqual(report.counts, { passed: 2, failed: 0, skipped: 0, todo: 0, errors: 0 });
    assert.deepEqual(
      report.root?.tests.map((test) => [test.number, test.name, test.status]),
      [[1, "boot", "pass"], [2, "second", "pass"]],
    );
  });

  it("reads nested suites, SKIP and TIMEOUT directives", () => {
    const report = parseKtap(
      serial(
        "KTAP version 1",
        "1..2",
        "  KTAP version 1",
        "  1..2",
        "  ok 1 pmm_alloc_free",
        "  not ok 2 pmm_oom # TIMEOUT 30 seconds",
        "not ok 1 pmm",
        "ok 2 vmm # SKIP no PAE",
      ),
    );
    assert.equal(report.passed, false);
    assert.deepEqual(report.counts, { passed: 1, failed: 1, skipped: 1, todo: 0, errors: 0 });
    const [pmm, vmm] = report.root!.tests;
    assert.equal(pmm!.status, "fail");
    assert.deepEqual(pmm!.subtests!.tests[1]!.directive, { kind: "TIMEOUT", reason: "30 seconds" });
    assert.equal(vmm!.status, "skip");
    assert.deepEqual(vmm!.directive, { kind: "SKIP", reason: "no PAE" });
  });

  it("fails a parent that says ok when a child is not ok", () => {
    const report = parseKtap(
      serial("KTAP version 1", "1..1", "  KTAP version 1", "  1..2", "  ok 1 a", "  not ok 2 b", "ok 1 suite"),
    );
    assert.equal(report.passed, false);
    assert.equal(report.root!.tests[0]!.ok, true);
    assert.equal(report.root!.tests[0]!.status, "fail");
    assert.deepEqual(report.counts, { passed: 1, failed: 1, skipped: 0, todo: 0, errors: 0 });
  });

  it("counts a suite that fails on its own line as one failure", () => {
    const report = parseKtap(serial("KTAP version 1", "1..1", "  KTAP version 1", "  1..1", "  ok 1 a", "not ok 1 suite"));
    assert.equal(report.passed, false);
    assert.deepEqual(report.counts, { passed: 1, failed: 1, skipped: 0, todo: 0, errors: 0 });
  });

  it("fails truncated output: fewer results than planned", () => {
    const report = parseKtap(serial("KTAP version 1", "1..3", "ok 1 a", "PANIC: page fault at 0xdeadbeef"));
    assert.equal(report.passed, false);
    assert.deepEqual(report.errors, ["planned 3 tests, saw 1"]);
  });

  it("fails output that stops inside a nested suite", () => {
    const report = parseKtap(
      serial("KTAP version 1", "1..2", "ok 1 first", "  KTAP version 1", "  # Subtest: vmm", "  1..3", "  ok 1 map"),
    );
    assert.equal(report.passed, false);
    assert.deepEqual(report.errors, ["subtest vmm has no result line", "vmm: planned 3 tests, saw 1"]);
    const vmm = report.root!.tests[1]!;
    assert.equal(vmm.name, "vmm");
    assert.equal(vmm.status, "fail");
    assert.equal(report.counts.failed, 0);
    assert.equal(report.counts.errors, 2);
  });

  it("fails a report without a plan", () => {
    const report = parseKtap(serial("KTAP version 1", "ok 1 a"));
    assert.equal(report.passed, false);
    assert.match(report.errors[0]!, /^no plan/);
  });

  it("fails when there is no KTAP at all", () => {
    const report = parseKtap("OpenOS: boot ok\r\nthen nothing\r\n");
    assert.equal(report.passed, false);
    assert.equal(report.root, null);
    assert.deepEqual(report.errors, ["no KTAP output"]);
  });

  it("fails wrongly numbered results", () => {
    const report = parseKtap(serial("KTAP version 1", "1..2", "ok 1 a", "ok 3 b"));
    assert.equal(report.passed, false);
    assert.match(report.errors[0]!, /test number 3, expected 2/);
  });

  it("does not fail on a not ok TODO or XFAIL test", () => {
    const report = parseKtap(serial("KTAP version 1", "1..3", "not ok 1 a # TODO later", "not ok 2 b # XFAIL", "ok 3 c"));
    assert.equal(report.passed, true);
    assert.deepEqual(report.counts, { passed: 1, failed: 0, skipped: 0, todo: 2, errors: 0 });
  });

  it("accepts a skipped empty suite (1..0 # SKIP)", () => {
    const report = parseKtap(serial("KTAP version 1", "1..1", "  KTAP version 1", "  1..0 # SKIP no NX", "ok 1 nx # SKIP no NX"));
    assert.equal(report.passed, true);
    assert.equal(report.root!.tests[0]!.subtests!.skipReason, "no NX");
    assert.deepEqual(report.counts, { passed: 0, failed: 0, skipped: 1, todo: 0, errors: 0 });
  });

  it("attaches diagnostics to the next result and names suites from # Subtest", () => {
    const report = parseKtap(
      serial(
        "KTAP version 1",
        "1..1",
        "    KTAP version 1",
        "    # Subtest: example",
        "    1..1",
        "    # example_fail: EXPECTATION FAILED at lib/x.ts:12",
        "    not ok 1 example_fail",
        "not ok 1 example",
      ),
    );
    const suite = report.root!.tests[0]!;
    assert.equal(suite.subtests!.name, "example");
    assert.deepEqual(suite.subtests!.tests[0]!.diagnostics, ["example_fail: EXPECTATION FAILED at lib/x.ts:12"]);
    assert.deepEqual(report.counts, { passed: 0, failed: 1, skipped: 0, todo: 0, errors: 0 });
  });

  it("ignores console output at column 0 inside a nested suite", () => {
    const report = parseKtap(
      serial(
        "KTAP version 1",
        "1..1",
        "  KTAP version 1",
        "  1..2",
        "  ok 1 a",
        "[irq] spurious interrupt 7",
        "# console: a hash line",
        "  ok 2 b",
        "ok 1 suite",
      ),
    );
    assert.equal(report.passed, true);
    assert.deepEqual(report.counts, { passed: 2, failed: 0, skipped: 0, todo: 0, errors: 0 });
  });

  it("fails a nested suite whose parent never reports it before the next one starts", () => {
    const report = parseKtap(
      serial("KTAP version 1", "1..2", "  KTAP version 1", "  1..1", "  ok 1 a", "  KTAP version 1", "  1..1", "  ok 1 b", "ok 2 second"),
    );
    assert.equal(report.passed, false);
    assert.deepEqual(report.errors, ["subtest (unnamed) has no result line"]);
    assert.deepEqual(
      report.root!.tests.map((test) => [test.name, test.status]),
      [["(unnamed subtest)", "fail"], ["second", "pass"]],
    );
  });
});
