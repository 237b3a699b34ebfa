/**
 * Eager against lazy FPU/SSE switching (`fpu=eager|lazy` on the kernel command line), on QEMU TCG
 * with one kernel build. Every measurement boots both modes at the same time, one QEMU each, so
 * that the host's load, which on a shared machine changes from second to second, weighs on both
 * alike; `--runs` pairs of each:
 *
 * - the in-kernel switch benchmark (`bench` on the command line, kernel/test/switch_bench.ts):
 *   two kernel threads yielding to each other, without and with SSE use — the cost of a switch
 *   itself, with little else in the measurement;
 * - each switch-heavy /bench program alone in a boot: context switch, pipe ping-pong with and
 *   without SSE on both sides, fork, fork+exec.
 *
 * Prints the median ns/op of each mode and the median lazy/eager ratio of the simultaneous
 * pairs (with its range). A benchmark, not a test.
 *
 * Usage: npx tsx tools/bench/fpu.ts [--runs N] [--percent P] [--checked]
 *   --runs N      pairs of boots per measurement (default 5)
 *   --percent P   run each /bench program for P % of its default iteration count (default 100)
 *   --checked     the checked kernel build instead of the release build
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildKernel } from "../build/kernel.js";
import { buildInitramfs } from "../build/initramfs.js";
import { REPO_ROOT } from "../build/kernel-link.js";
import { bootMachine } from "../machine/index.js";
import { SYSCALL_BENCHMARKS, benchAllCmdline, runBenchAll } from "./syscalls.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    percent: { type: "string", default: "100" },
    checked: { type: "boolean", default: false },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const PERCENT = Math.max(1, Number(values.percent));
const RELEASE = !values.checked;
const MODES = ["eager", "lazy"];
const KERNEL_TESTS = new Map([
  ["kthread_switch", "switch between two kernel threads that do not use the unit"],
  ["kthread_switch_sse", "switch between two kernel threads that read xmm0 after every switch"],
]);
const PROGRAMS = ["ctxswitch", "pipe_pingpong", "sse_pingpong", "fork_exit_wait", "fork_execve_wait"];
const OUT_DIR = path.join(REPO_ROOT, "build", "bench-fpu");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** The in-kernel benchmark lines of a `bench` boot: name → ns per op. */
async function kernelBench(kernel: string, mode: string): Promise<Map<string, number>> {
  const r = await bootMachine({ machine: "qemu", kernel, cmdline: `fpu=${mode} bench`, memoryMiB: 128, timeoutMs: 600_000 });
  const found = new Map<string, number>();
  for (const m of r.serial.matchAll(/^bench (\S+) ns_per_op=([\d.]+) ops=\d+/gm)) found.set(m[1]!, Number(m[2]));
  if (r.exitCode !== 0 || !/^bench done/m.test(r.serial)) throw new Error(`fpu=${mode} bench did not finish (${r.reason}):\n${r.serial}`);
  return found;
}

/** A /bench program alone in a boot: its ns per op. */
async function programBench(kernel: string, initramfs: string, mode: string, name: string): Promise<number> {
  const out = await runBenchAll({ kernel, initramfs, machine: "qemu", percent: PERCENT, cmdline: `fpu=${mode} ${benchAllCmdline(PERCENT, [name])}` });
  const line = out.results.find((r) => r.name === name);
  if (out.failures.length || line === undefined) throw new Error(`fpu=${mode} ${name}: ${out.failures.join("; ") || "no result"}`);
  return line.nsPerOp;
}

const [kernel, initramfs] = await Promise.all([
  buildKernel({ workDir: OUT_DIR, release: RELEASE }),
  buildInitramfs({ workDir: OUT_DIR, release: RELEASE }),
]);

/** ns/op by `name mode`, and lazy/eager of each simultaneous pair by name. */
const samples = new Map<string, number[]>(), ratios = new Map<string, number[]>();
const add = (m: Map<string, number[]>, key: string, x: number): void => void m.set(key, [...(m.get(key) ?? []), x]);
function record(run: number, name: string, pair: number[]): void {
  MODES.forEach((mode, i) => add(samples, `${name} ${mode}`, pair[i]!));
  add(ratios, name, pair[1]! / pair[0]!);
  process.stderr.write(`run ${run + 1}/${RUNS} ${name}: ${MODES.map((m, i) => `${m} ${pair[i]}`).join(", ")} ns/op\n`);
}
for (let run = 0; run < RUNS; run++) {
  const inKernel = await Promise.all(MODES.map((mode) => kernelBench(kernel, mode)));
  for (const name of KERNEL_TESTS.keys()) record(run, name, inKernel.map((m) => m.get(name) ?? NaN));
  for (const name of PROGRAMS) record(run, name, await Promise.all(MODES.map((mode) => programBench(kernel, initramfs, mode, name))));
}

console.log(`\nFPU/SSE switching: ${RELEASE ? "release" : "checked"} kernel, QEMU TCG, ${RUNS} pairs of simultaneous boots (/bench programs at ${PERCENT} %)`);
console.log("| test | one operation | eager ns/op | lazy ns/op | lazy/eager (median of pairs) | range of pairs |");
console.log("|:--|:--|--:|--:|--:|--:|");
for (const [name, what] of [...KERNEL_TESTS, ...PROGRAMS.map((p) => [p, SYSCALL_BENCHMARKS.get(p) ?? ""] as const)]) {
  const e = samples.get(`${name} eager`)!, l = samples.get(`${name} lazy`)!, q = ratios.get(name)!;
  console.log(`| ${name} | ${what} | ${median(e).toFixed(1)} | ${median(l).toFixed(1)} | ${median(q).toFixed(2)} | ${Math.min(...q).toFixed(2)}–${Math.max(...q).toFixed(2)} |`);
}
