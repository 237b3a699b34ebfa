/**
 * The hosted prelude's dispose(): under Node nothing is freed, so a disposed object or array is
 * poisoned instead, and the misuse that would corrupt memory natively fails loudly.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { TEST_DIR, run } from "./harness.js";
import "../prelude/hosted.ts";

declare function dispose(x: object | null): void;

class Point {
  constructor(public x: number, public y: number) {}
  norm(): number { return this.x + this.y; }
}

test("a disposed object throws on any use", () => {
  const p = new Point(1, 2);
  assert.equal(p.norm(), 3);
  dispose(p);
  assert.throws(() => p.x, /use of a disposed object/);
  assert.throws(() => { p.y = 5; }, /use of a disposed object/);
  assert.throws(() => p.norm(), /use of a disposed object/);
});

test("a disposed array is empty and cannot grow", () => {
  const a = [1, 2, 3];
  dispose(a);
  assert.equal(a.length, 0);
  assert.equal(a[0], undefined);
  assert.throws(() => a.push(4), TypeError);
});

test("dispose(null) does nothing", () => {
  dispose(null);
});

test("disposing twice stops the program like a panic", async () => {
  const script = "import './compiler/prelude/hosted.ts'; const o = {}; dispose(o); dispose(o); console.log('not reached');";
  const r = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: path.resolve(TEST_DIR, "..", "..") });
  assert.equal(r.code, 134);
  assert.match(r.stderr, /ostc: panic: dispose of an object or array that was already disposed/);
  assert.equal(r.stdout, "");
});
