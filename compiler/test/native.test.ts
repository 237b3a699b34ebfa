/**
 * Behaviour only a native build can show (addresses, memory reuse): each program in native/ names
 * the output it must print, lines separated by `|`:  // stdout: <line> | <line> …
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { SUITE_CONCURRENCY, headers, programsIn, runNative } from "./harness.js";

describe("native", { concurrency: SUITE_CONCURRENCY }, () => {
  for (const file of programsIn("native")) {
    const name = path.basename(file, ".ts");
    const want = (headers(file).stdout ?? "").split("|").map((l) => l.trim());
    for (const release of [false, true]) {
      test(`native ${name} (${release ? "release" : "checked"})`, async () => {
        const r = await runNative(file, { release });
        assert.equal(r.compileError, undefined, r.compileError);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(r.stdout.trimEnd().split("\n"), want);
      });
    }
  }
});
