/**
 * `npm run bench:compiler`: kernel-style workloads written twice, in TypeScript for ostc and in
 * straightforward C, built with the same gcc flags and the same program runtime, run side by side
 * on this host. Prints one table of wall times (median of --runs runs) and, when valgrind is
 * installed, one of instruction counts (callgrind, repeatable), then the compile time of the
 * kernel tree and of the whole OS tree. A benchmark, not a test: it fails only when a TypeScript
 * and a C checksum differ.
 *
 * Usage: npx tsx compiler/bench/run.ts [--runs N] [--only a,b] [--no-callgrind] [--no-kernel]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { emitC, linkProgram, typeCheck } from "../src/driver.js";
import { ProgramLowerer } from "../src/lower/program.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, "../..");
const WORKLOADS_DIR = path.join(HERE, "workloads");
const OUT_DIR = path.join(REPO_ROOT, "build", "bench");

/** The three builds of each workload. */
type Variant = "c" | "release" | "checked";
const VARIANTS: readonly Variant[] = ["c", "release", "checked"];

interface Measured { output: string; medianMs: number; instructions: number | null }

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "7" },
    only: { type: "string" },
    "no-callgrind": { type: "boolean", default: false },
    "no-kernel": { type: "boolean", default: false },
  },
});
const RUNS = Math.max(1, Number(values.runs));

function workloads(): string[] {
  const all = fs.readdirSync(WORKLOADS_DIR).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
  for (const w of all) if (!fs.existsSync(path.join(WORKLOADS_DIR, `${w}.c`))) throw new Error(`workload ${w} has no C twin ${w}.c`);
  return values.only ? values.only.split(",").filter((w) => all.includes(w)) : all;
}

/** Builds one variant: ostc (release or checked) or the C twin, each through linkProgram (same flags, same runtime). */
function build(name: string, v: Variant): string {
  const exe = path.join(OUT_DIR, `${name}-${v}`);
  const workDir = path.join(OUT_DIR, "work", `${name}-${v}`);
  fs.mkdirSync(workDir, { recursive: true });
  let cText: string;
  if (v === "c") {
    cText = fs.readFileSync(path.join(WORKLOADS_DIR, `${name}.c`), "utf8");
    fs.copyFileSync(path.join(HERE, "bench.h"), path.join(workDir, "bench.h"));
  } else {
    const r = emitC(path.join(WORKLOADS_DIR, `${name}.ts`), "host", v === "checked");
    if (!r.ok) throw new Error(`ostc rejected ${name}.ts:\n${r.errors}`);
    cText = r.c;
  }
  // The C twin is built as a release program: -O2, like ostc --release.
  linkProgram(cText, exe, { release: v !== "checked", workDir });
  return exe;
}

function runOnce(exe: string): { output: string; ms: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(exe, [], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${exe} exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return { output: r.stdout.trim(), ms };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const HAVE_VALGRIND = !values["no-callgrind"] && spawnSync("valgrind", ["--version"]).status === 0;

/** Instructions executed (callgrind's Ir), or null without valgrind. */
function instructions(exe: string): number | null {
  if (!HAVE_VALGRIND) return null;
  const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", exe], { encoding: "utf8" });
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`callgrind gave no count for ${exe}:\n${r.stderr}`);
  return Number(m[1]);
}

function measure(exe: string): Measured {
  const runs = Array.from({ length: RUNS }, () => runOnce(exe));
  const outputs = new Set(runs.map((r) => r.output));
  if (outputs.size !== 1) throw new Error(`${exe} printed different outputs across runs`);
  return { output: runs[0]!.output, medianMs: median(runs.map((r) => r.ms)), instructions: instructions(exe) };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? ":" : "-") + "-".repeat(w) + (i === 0 ? "-" : ":")).join("|")}|`, ...rows.map(line)].join("\n");
}

const ms = (x: number) => x.toFixed(1);
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const mega = (x: number) => (x / 1e6).toFixed(1);

/** Compile time of the kernel tree: tsc checking, ostc lowering alone, and a full buildKernel(). */
async function kernelCompileTimes(): Promise<string[][]> {
  const entry = path.join(REPO_ROOT, "kernel", "main.ts");
  const rows: string[][] = [];
  for (const checked of [true, false]) {
    const t0 = performance.now();
    const { program, errors } = typeCheck([entry]);
    if (errors) throw new Error(errors);
    const t1 = performance.now();
    const lowerMs: number[] = [];
    let cBytes = 0;
    for (let i = 0; i < 5; i++) {
      const l0 = performance.now();
      cBytes = new ProgramLowerer(program, program.getSourceFile(entry)!, { target: "kernel", checked }).lower().length;
      lowerMs.push(performance.now() - l0);
    }
    rows.push([`kernel ${checked ? "checked" : "release"}: tsc parse + check (${checked ? "cold" : "lib files cached"})`, ms(t1 - t0)]);
    rows.push([`kernel ${checked ? "checked" : "release"}: ostc lowering alone (median of 5, ${(cBytes / 1024).toFixed(0)} KiB of C)`, ms(median(lowerMs))]);
  }
  const { buildKernel } = await import("../../tools/build/kernel.js");
  for (const release of [false, true]) {
    const t0 = performance.now();
    await buildKernel({ release, output: path.join(OUT_DIR, `kernel-${release ? "release" : "checked"}.elf`), workDir: path.join(OUT_DIR, "kernel-work"), cache: null });
    rows.push([`kernel ${release ? "release" : "checked"}: full buildKernel() (tsc + ostc + gcc + ld, no cache)`, ms(performance.now() - t0)]);
  }
  return rows;
}

/** CPU seconds of this process (all threads) and of its children that have exited (Linux /proc). */
function cpuSeconds(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  return (f[11]! + f[12]! + f[13]! + f[14]!) / 100; // utime, stime, cutime, cstime in USER_HZ (100 on Linux)
}

/** Runs `npm run build:os` (the launcher, tools/build-os.ts) in workDir with TMPDIR tmp; wall and CPU ms. */
function timedOsBuild(workDir: string, tmp: string): { wall: number; cpu: number } {
  const t0 = performance.now(), c0 = cpuSeconds();
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "compiler", "bin", "launch.mjs"), path.join(REPO_ROOT, "tools", "build-os.ts"), "--work-dir", workDir], { cwd: REPO_ROOT, env: { ...process.env, TMPDIR: tmp }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build-os.ts failed:\n${r.stderr}`);
  return { wall: performance.now() - t0, cpu: (cpuSeconds() - c0) * 1000 };
}

/** Full rebuilds of the OS tree behind osTreeCompileTimes' median. */
const OS_FULL_REBUILDS = 3;

/**
 * Compile time of the whole OS tree (`npm run build:os`: the checked kernel and the initramfs) in
 * fresh processes: from scratch, OS_FULL_REBUILDS times — each with an empty work directory and
 * no program runtime objects from earlier builds (their cache lives under TMPDIR, so a fresh one
 * is used) — then again with nothing changed. Wall and CPU time (the process, its threads and
 * every tool it ran); the median and each run, because the shared build machine's speed changes
 * from minute to minute. The CPU time is the figure that holds when other work shares the machine.
 */
function osTreeCompileTimes(): string[][] {
  const workDir = path.join(OUT_DIR, "os-work");
  const full: { wall: number; cpu: number }[] = [];
  let unchanged = { wall: 0, cpu: 0 };
  for (let i = 0; i < OS_FULL_REBUILDS; i++) {
    fs.rmSync(workDir, { recursive: true, force: true });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ostc-bench-"));
    try {
      full.push(timedOsBuild(workDir, tmp));
      if (i === OS_FULL_REBUILDS - 1) unchanged = timedOsBuild(workDir, tmp);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const each = (xs: number[]): string => `${ms(median(xs))} (${xs.map(ms).join(", ")})`;
  return [
    [`OS tree: full rebuild (empty cache), wall, median (each of ${OS_FULL_REBUILDS})`, each(full.map((r) => r.wall))],
    ["OS tree: full rebuild (empty cache), CPU (all threads and tools)", each(full.map((r) => r.cpu))],
    ["OS tree: rebuild, nothing changed, wall", ms(unchanged.wall)],
    ["OS tree: rebuild, nothing changed, CPU (all threads and tools)", ms(unchanged.cpu)],
  ];
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const names = workloads();
  console.log(`ostc compiler benchmark: ${names.length} workloads, median of ${RUNS} runs, ${os.cpus()[0]?.model ?? "cpu"}`);
  console.log(`valgrind: ${HAVE_VALGRIND ? "yes (instruction counts from callgrind)" : "no"}\n`);
  const results = new Map<string, Record<Variant, Measured>>();
  let mismatch = false;
  for (const name of names) {
    const exes = Object.fromEntries(VARIANTS.map((v) => [v, build(name, v)])) as Record<Variant, string>;
    const m = Object.fromEntries(VARIANTS.map((v) => [v, measure(exes[v])])) as Record<Variant, Measured>;
    if (m.release.output !== m.c.output || m.checked.output !== m.c.output) {
      console.error(`CHECKSUM MISMATCH in ${name}: C ${m.c.output}, ostc release ${m.release.output}, ostc checked ${m.checked.output}`);
      mismatch = true;
    }
    results.set(name, m);
    process.stderr.write(`  ${name}: done (checksum ${m.c.output})\n`);
  }

  console.log("Wall time (ms, median):");
  console.log(table(
    ["workload", "C", "ostc release", "ratio", "ostc checked", "checked ratio"],
    [...results].map(([n, m]) => [n, ms(m.c.medianMs), ms(m.release.medianMs), ratio(m.release.medianMs, m.c.medianMs), ms(m.checked.medianMs), ratio(m.checked.medianMs, m.c.medianMs)]),
  ));
  if (HAVE_VALGRIND) {
    console.log("\nInstructions executed (millions, callgrind Ir; includes ~0.1 M of start-up):");
    console.log(table(
      ["workload", "C", "ostc release", "ratio", "ostc checked", "checked ratio"],
      [...results].map(([n, m]) => [n, mega(m.c.instructions!), mega(m.release.instructions!), ratio(m.release.instructions!, m.c.instructions!), mega(m.checked.instructions!), ratio(m.checked.instructions!, m.c.instructions!)]),
    ));
  }
  const buddy = results.get("buddy");
  if (buddy) {
    // 16000 rounds × 64 (alloc + free) pairs: the host-side reference for the in-kernel `bench` mode.
    const ops = 16000 * 64;
    console.log(`\nHost reference for the kernel's buddy allocator (alloc+free pair, mixed orders 0-3): C ${(buddy.c.medianMs * 1e6 / ops).toFixed(1)} ns/pair, ostc release ${(buddy.release.medianMs * 1e6 / ops).toFixed(1)} ns/pair, ostc checked ${(buddy.checked.medianMs * 1e6 / ops).toFixed(1)} ns/pair (includes process start-up)`);
  }
  if (!values["no-kernel"]) {
    console.log("\nKernel tree compile time (ms):");
    console.log(table(["step", "ms"], await kernelCompileTimes()));
    console.log(`\nOS tree compile time (ms; ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} before):`);
    console.log(table(["step", "ms"], osTreeCompileTimes()));
  }
  if (mismatch) {
    console.error("\nFAILED: TypeScript and C checksums differ");
    process.exit(1);
  }
}

await main();
