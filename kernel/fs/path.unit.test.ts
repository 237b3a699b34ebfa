/** Hosted unit tests of path splitting. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { NAME_MAX, splitPath } from "./path.ts";

test("absolute and relative paths split at slashes; empty components vanish", () => {
  const a = splitPath("/usr//bin/./ls");
  assert.equal(a.absolute, true);
  assert.deepEqual(a.components, ["usr", "bin", ".", "ls"]);
  assert.equal(a.trailingSlash, false);
  const r = splitPath("a/../b/");
  assert.equal(r.absolute, false);
  assert.deepEqual(r.components, ["a", "..", "b"]);
  assert.equal(r.trailingSlash, true);
});

test("the root and the empty path have no components", () => {
  assert.deepEqual(splitPath("/").components, []);
  assert.equal(splitPath("/").trailingSlash, false);
  assert.equal(splitPath("///").absolute, true);
  assert.deepEqual(splitPath("").components, []);
});

test("a component longer than NAME_MAX marks the path too long", () => {
  assert.equal(splitPath("x".repeat(NAME_MAX)).tooLong, false);
  assert.equal(splitPath(`/a/${"x".repeat(NAME_MAX + 1)}/b`).tooLong, true);
});
