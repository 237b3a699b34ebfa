/**
 * Which overflow checks a checked build leaves out: the step (`i++`, `i += k`, `i--`, `i -= k`) of
 * a counting loop whose condition bounds it (FunctionLowerer.boundedStep). conformance/loop_bounded_steps.ts shows those loops
 * compute what they compute under Node; the traps/loop_step_* programs, whose steps the condition
 * does not bound, still trap. This suite checks which of them the C leaves unchecked.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { emitC } from "../src/driver.js";
import { TEST_DIR, programsIn } from "./harness.js";

/** The step (third clause) of every C `for` header the lowering wrote for a TypeScript `for`. */
function loopSteps(file: string): string[] {
  const r = emitC(file, "host", true);
  assert.ok(r.ok, r.ok ? "" : r.errors);
  return r.c.split("\n").filter((l) => l.trim().startsWith("for (;")).map((l) => l.slice(l.lastIndexOf(";") + 1));
}

test("the steps of loops whose condition bounds them are unchecked", () => {
  const steps = loopSteps(path.join(TEST_DIR, "conformance", "loop_bounded_steps.ts"));
  assert.equal(steps.length, 15);
  for (const s of steps) assert.doesNotMatch(s, /OSTC_(ADD|SUB)\(/, `a checked step: ${s}`);
});

test("the steps of loops whose condition does not bound them keep their checks", () => {
  const files = programsIn("traps").filter((f) => path.basename(f).startsWith("loop_step_"));
  assert.equal(files.length, 6);
  for (const f of files) {
    const steps = loopSteps(f);
    assert.equal(steps.length, 1, f);
    assert.match(steps[0]!, /OSTC_(ADD|SUB)\(/, `${path.basename(f)}: unchecked step ${steps[0]}`);
  }
});
