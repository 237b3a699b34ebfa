/**
 * The in-kernel test framework: suites of named test functions whose results are printed as
 * KTAP v1 over the console (one nested block per suite), read by the host test runner.
 */
import { rawLine } from "../lib/printk";

/** Passed to every test: records failed expectations (tests keep running after a failure). */
export class TestContext {
  failures: u32 = 0;
  skipReason: string | null = null;

  /** Records a failure with a diagnostic line when `cond` is false. */
  expect(cond: boolean, what: Fmt): void {
    if (!cond) {
      this.failures++;
      rawLine(`    # expectation failed: ${what}`);
    }
  }

  /** Expects two integers to be equal. */
  expectEq(actual: i64, expected: i64, what: Fmt): void {
    if (actual !== expected) {
      this.failures++;
      rawLine(`    # ${what}: expected ${expected}, got ${actual}`);
    }
  }

  /** Marks the test skipped (reported as `# SKIP reason`). */
  skip(reason: string): void {
    this.skipReason = reason;
  }
}

/** A test function. */
export type TestFn = (t: TestContext) => void;

/** A named test. */
export class TestCase {
  constructor(readonly name: string, readonly fn: TestFn) {}
}

/** A named group of tests, printed as one nested KTAP block. */
export class Suite {
  readonly cases: TestCase[] = [];
  constructor(readonly name: string) {}

  /** Adds a test. */
  test(name: string, fn: TestFn): Suite {
    this.cases.push(new TestCase(name, fn));
    return this;
  }
}

/** Runs the suites, prints the KTAP report and returns the number of failed tests. */
export function runSuites(suites: Suite[]): u32 {
  let failed: u32 = 0;
  rawLine("KTAP version 1");
  rawLine(`1..${suites.length}`);
  for (let s = 0; s < suites.length; s++) {
    const suite = suites[s];
    rawLine(`  KTAP version 1`);
    rawLine(`  # Subtest: ${suite.name}`);
    rawLine(`  1..${suite.cases.length}`);
    let suiteFailed = false;
    for (let i = 0; i < suite.cases.length; i++) {
      const c = suite.cases[i];
      const t = new TestContext();
      c.fn(t);
      const skip = t.skipReason;
      if (skip !== null) rawLine(`  ok ${i + 1} ${c.name} # SKIP ${skip}`);
      else if (t.failures === 0) rawLine(`  ok ${i + 1} ${c.name}`);
      else {
        rawLine(`  not ok ${i + 1} ${c.name}`);
        failed++;
        suiteFailed = true;
      }
    }
    rawLine(`${suiteFailed ? "not ok" : "ok"} ${s + 1} ${suite.name}`);
  }
  return failed;
}
