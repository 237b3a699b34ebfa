/**
 * The raw-ABI tests (test/abi/*.c: static i386 C with raw system calls, in the initramfs under
 * /test) run on OpenOS and — as the reference for what the answers must be — natively on this
 * Linux host. Each prints KTAP; every case must pass on both.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { ABI_TEST_PROGRAMS_DIR } from "../tools/build/bench-programs.js";
import { availableMachines, bootMachine, type MachineName } from "../tools/machine/index.js";
import { parseKtap } from "../tools/ktap.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-abi-"));
const programs = fs.readdirSync(ABI_TEST_PROGRAMS_DIR).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work })]);
});

/**
 * Kernel command-line words a program is booted with, one boot each (default: one boot with
 * none): the FPU test runs under both ways of switching the FPU/SSE state.
 */
const BOOT_VARIANTS: Record<string, string[]> = { fpu: ["fpu=eager", "fpu=lazy"] };

/** The names of the failed cases, and whether the report is complete. */
function verdict(output: string): { failed: string[]; complete: boolean } {
  const report = parseKtap(output);
  const tests = report.root?.tests ?? [];
  return {
    failed: tests.filter((t) => t.status === "fail").map((t) => t.name),
    complete: report.errors.length === 0 && tests.length > 0 && tests.length === report.root?.plan,
  };
}

for (const name of programs) {
  test(`${name}: the raw-ABI test passes on the Linux host (the reference)`, () => {
    const r = spawnSync(path.join(work, "initramfs", "test", name), [], { encoding: "latin1", timeout: 60_000 });
    const v = verdict(r.stdout);
    assert.deepEqual(v.failed, [], r.stdout + r.stderr);
    assert.ok(v.complete, r.stdout);
    assert.equal(r.status, 0, r.stdout);
  });
  for (const machine of availableMachines() as MachineName[]) for (const words of BOOT_VARIANTS[name] ?? [""]) {
    test(`${name}: the raw-ABI test passes on OpenOS (${machine}${words ? `, ${words}` : ""})`, async () => {
      const r = await bootMachine({ machine, kernel, modules: [initramfs], cmdline: `${words} init=/test/${name}`.trim(), memoryMiB: 64, timeoutMs: 60_000 });
      const v = verdict(r.serial);
      assert.deepEqual(v.failed, [], r.serial);
      assert.ok(v.complete, r.serial);
      assert.equal(r.exitCode, 0, r.serial);
      const fpuMode = /^fpu=(\w+)$/.exec(words);
      if (fpuMode) assert.match(r.serial, new RegExp(`fpu: fxsave/fxrstor, ${fpuMode[1]} switching`), "the kernel took the mode");
    });
  }
}
