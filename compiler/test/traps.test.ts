/**
 * Checked builds trap with the TypeScript location: each program in traps/ names the message
 * and line in its header:  // trap: <message text>   // line: <n>
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { SUITE_CONCURRENCY, headers, programsIn, runNative } from "./harness.js";

describe("traps", { concurrency: SUITE_CONCURRENCY }, () => {
  for (const file of programsIn("traps")) {
    const name = path.basename(file, ".ts");
    const h = headers(file);
    test(`traps ${name}`, async () => {
      const r = await runNative(file);
      assert.equal(r.compileError, undefined, r.compileError);
      assert.equal(r.code, 134, `expected the trap's exit status 134, got ${r.code}\n${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.includes(`ostc: panic: ${h.trap}`), `message ${JSON.stringify(h.trap)} missing:\n${r.stderr}`);
      assert.ok(r.stderr.includes(`${path.basename(file)}:${h.line}:`), `line ${h.line} missing:\n${r.stderr}`);
    });
  }
});
