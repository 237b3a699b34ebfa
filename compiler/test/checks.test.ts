/**
 * Which checks a checked build leaves out: the overflow check of the step (`i++`, `i += k`, `i--`,
 * `i -= k`) of a counting loop whose condition bounds it (FunctionLowerer.boundedStep), and the
 * bounds check of `a[i]` in the body of `for (let i = 0; i < a.length; i++)` over an array the
 * loop neither replaces nor resizes (FunctionLowerer.boundedIndex). conformance/loop_bounded_steps.ts shows those loops
 * compute what they compute under Node, and so do those of conformance/loop_bounded_indexes.ts; the
 * traps/loop_step_* and traps/loop_index_* programs, where the loop does not bound the step or the
 * index, still trap. This suite checks which of them the C leaves unchecked.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { emitC } from "../src/driver.js";
import { TEST_DIR, programsIn } from "./harness.js";

/** The lines of a program's checked C. */
function cLines(file: string): string[] {
  const r = emitC(file, "host", true);
  assert.ok(r.ok, r.ok ? "" : r.errors);
  return r.c.split("\n").map((l) => l.trim());
}

/** The step (third clause) of every C `for` header the lowering wrote for a TypeScript `for`. */
function loopSteps(file: string): string[] {
  return cLines(file).filter((l) => l.startsWith("for (;")).map((l) => l.slice(l.lastIndexOf(";") + 1));
}

/** Checked element accesses outside `for` headers. */
function checkedIndexes(file: string): string[] {
  return cLines(file).filter((l) => !l.startsWith("for (;") && /OSTC_(VIEW_)?AT\(/.test(l));
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

test("the indexes that loops bound are unchecked in their bodies", () => {
  assert.deepEqual(checkedIndexes(path.join(TEST_DIR, "conformance", "loop_bounded_indexes.ts")), []);
});

test("the indexes that loops do not bound keep their checks", () => {
  const files = programsIn("traps").filter((f) => path.basename(f).startsWith("loop_index_"));
  assert.equal(files.length, 7);
  for (const f of files) assert.ok(checkedIndexes(f).length > 0, `${path.basename(f)}: no checked index`);
});
