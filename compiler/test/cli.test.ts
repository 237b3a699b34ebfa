/**
 * The ostc command line: `ostc build` writes a program that carries its backtrace table but not
 * its DWARF, which goes to OUT.debug (named in the program's .gnu_debuglink, where gdb looks).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ElfFile } from "../src/elf.js";
import { REPO, run } from "./harness.js";

test("ostc build: the program traps with its TypeScript line, its DWARF is in OUT.debug", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ostc-cli-"));
  try {
    const src = path.join(dir, "divide.ts");
    fs.writeFileSync(src, [
      "function divide(a: i32, b: i32): i32 {",
      "  return Math.trunc(a / b);",
      "}",
      "console.log(`6 / 3 = ${divide(6, 3)}`);",
      "console.log(`${divide(1, process.argv.length - 2)}`);",
      "",
    ].join("\n"));
    const out = path.join(dir, "divide");
    const built = await run(process.execPath, [path.join(REPO, "compiler", "bin", "ostc.js"), "build", src, "--target", "host", "-o", out], { timeoutMs: 60000 });
    assert.equal(built.code, 0, built.stderr);
    const r = await run(out, []);
    assert.equal(r.stdout, "6 / 3 = 2\n");
    assert.equal(r.code, 134, r.stderr);
    assert.match(r.stderr, /ostc: panic: division by zero/);
    assert.match(r.stderr, /#0 0x[0-9a-f]{8} divide \(.*divide\.ts:2\)/, r.stderr);
    const program = ElfFile.read(out);
    assert.equal(program.section(".debug_info"), undefined, "the program carries no DWARF");
    const link = program.section(".gnu_debuglink");
    assert.ok(link && link.toString("latin1").startsWith("divide.debug\0"), "the program names divide.debug");
    const debug = ElfFile.read(`${out}.debug`);
    assert.ok(debug.section(".debug_info") && debug.section(".debug_line"), "divide.debug has the DWARF");
    assert.deepEqual(fs.readdirSync(dir).sort(), ["divide", "divide.debug", "divide.ts"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
