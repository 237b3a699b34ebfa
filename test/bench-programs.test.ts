/**
 * The system-call benchmark programs (tools/bench/programs, in the initramfs under /bench) keep
 * working: booted with small iteration counts, every program runs to completion and prints a
 * well-formed `bench <name> <iterations> <ns_per_op>` line; they also run from the shell. The
 * numbers are not judged (benchmarks are not timed tests), only their presence and form.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { BENCH_PROGRAMS_DIR } from "../tools/build/bench-programs.js";
import { availableMachines, bootMachine, startMachine, type MachineName } from "../tools/machine/index.js";
import { SYSCALL_BENCHMARKS, parseBenchOutput, runBenchAll } from "../tools/bench/syscalls.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-bench-programs-"));
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work })]);
});

/** Every benchmark program: each .c file but the driver (all) and the exec target (nop). */
const PROGRAMS = fs.readdirSync(BENCH_PROGRAMS_DIR).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2))
  .filter((n) => n !== "all" && n !== "nop").sort();

test("every benchmark program is described for the bench table", () => {
  assert.deepEqual([...SYSCALL_BENCHMARKS.keys()].sort(), PROGRAMS);
});

for (const m of availableMachines() as MachineName[]) {
  test(`/bench/all runs every benchmark program to completion on ${m}`, async () => {
    const out = await runBenchAll({ kernel, initramfs, machine: m, percent: 1, timeoutMs: 120_000 });
    assert.deepEqual(out.failures, []);
    assert.deepEqual(out.done, { tests: PROGRAMS.length, failed: 0 });
    assert.deepEqual(out.results.map((r) => r.name).sort(), PROGRAMS);
    for (const r of out.results) {
      assert.ok(r.iterations >= 1, `${r.name}: ${r.iterations} iterations`);
      // ctxswitch is a difference of two timings and may round to 0 on a short run.
      assert.ok(Number.isFinite(r.nsPerOp) && (r.nsPerOp > 0 || r.name === "ctxswitch"), `${r.name}: ${r.nsPerOp} ns/op`);
    }
  });
}

const machine = availableMachines()[0] as MachineName;

test(`mmap2 reuses unmapped address space: 2100 cycles of 1 MiB (more than the 2 GiB above MMAP_BASE) on ${machine}`, async () => {
  const r = await bootMachine({ machine, kernel, modules: [initramfs], cmdline: "init=/bench/mmap_munmap_1m -- 2100", memoryMiB: 64, timeoutMs: 120_000 });
  const out = parseBenchOutput(r.serial);
  assert.deepEqual(out.failures, [], r.serial);
  assert.equal(out.results.length, 1, r.serial);
  assert.equal(out.results[0]!.iterations, 2100);
  assert.equal(r.exitCode, 0, r.serial);
});

test(`the benchmark programs run from the shell, with usage errors for bad arguments, on ${machine}`, async () => {
  const commands = [
    "/bench/getpid_int80 1000",
    "/bench/all 1 open_close fork_exit_wait",
    "/bench/getpid_vsyscall; echo status $?",
    "/bench/nop; echo nop $?",
  ];
  let out = "";
  let sent = 0;
  let prompts = 0;
  const m = startMachine({
    machine, kernel, modules: [initramfs], cmdline: "init=/bin/init", memoryMiB: 128, timeoutMs: 90_000,
    onSerial: (b) => {
      out += Buffer.from(b).toString("latin1");
      const seen = out.split("/ # ").length - 1;
      if (seen > prompts) {
        prompts = seen;
        if (sent < commands.length) m.sendSerial(commands[sent++] + "\r");
        else m.stop();
      }
    },
  });
  await m.result;
  const text = out.replaceAll("\r", "");
  assert.match(text, /^bench getpid_int80 1000 \d+\.\d$/m, out);
  assert.match(text, /^bench fork_exit_wait 20 \d+\.\d$/m, out);
  assert.match(text, /^bench open_close 500 \d+\.\d$/m, out);
  assert.match(text, /^bench done 2 tests, 0 failed$/m, out);
  assert.match(text, /^usage: \/bench\/getpid_vsyscall <iterations>\nstatus 2$/m, out);
  assert.match(text, /^nop 0$/m, out);
});
