/**
 * Checked builds trap with the TypeScript location: each program in traps/ names the message
 * and line in its header:  // trap: <message text>   // line: <n>
 * and may list the backtrace it must print, innermost frame first:
 *   // backtrace: <function>:<line>, <function>:<line>, …
 * Every trap prints a backtrace whose frame #0 is in the trapping file, also when the program is
 * split into several C units (compiler/src/lower/split.ts) and when all of them are built as one
 * program set (driver.lowerProgramSet).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { SUITE_CONCURRENCY, headers, programsIn, runNative } from "./harness.js";

describe("traps", { concurrency: SUITE_CONCURRENCY }, () => {
  const all = programsIn("traps");
  for (const file of all) {
    const name = path.basename(file, ".ts");
    const h = headers(file);
    for (const parts of [1, 3, "set"] as const) test(`traps ${name}${parts === "set" ? " (in a program set)" : parts > 1 ? ` (split into ${parts} C units)` : ""}`, async () => {
      const r = await runNative(file, parts === "set" ? { set: all } : { parts });
      assert.equal(r.compileError, undefined, r.compileError);
      assert.equal(r.code, 134, `expected the trap's exit status 134, got ${r.code}\n${r.stdout}${r.stderr}`);
      assert.ok(r.stderr.includes(`ostc: panic: ${h.trap}`), `message ${JSON.stringify(h.trap)} missing:\n${r.stderr}`);
      assert.ok(r.stderr.includes(`${path.basename(file)}:${h.line}:`), `line ${h.line} missing:\n${r.stderr}`);
      const frames = [...r.stderr.matchAll(/^  #(\d+) 0x[0-9a-f]{8}(?: (.+?))?(?: \((.+):(\d+)\))?$/gm)];
      assert.ok(r.stderr.includes("  backtrace:\n") && frames.length > 0, `no backtrace:\n${r.stderr}`);
      assert.ok(frames[0]![3]?.endsWith(path.basename(file)), `frame #0 is not in ${path.basename(file)}:\n${r.stderr}`);
      if (h.backtrace) {
        const want = h.backtrace.split(/,\s*/).map((f) => { const i = f.lastIndexOf(":"); return { name: f.slice(0, i), line: f.slice(i + 1) }; });
        const got = frames.map((m) => ({ name: m[2], line: m[4] }));
        assert.deepEqual(got, want, `backtrace differs:\n${r.stderr}`);
      }
    });
  }
});
