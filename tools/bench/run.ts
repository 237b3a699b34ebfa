/**
 * `npm run bench`: OpenOS against Linux, and the kernel's own benchmarks, on QEMU (TCG).
 *
 * The main table runs the same static i386 benchmark programs (/bench: system calls, fork, exec,
 * pipes, page faults, mmap, open) and a busybox shell script of 200 short commands on OpenOS and on
 * Debian's Linux 686 kernel (tools/bench/linux.ts), under the same QEMU command line, alternating
 * OpenOS and Linux boots within one run, and prints the median ns/op of each and their ratio.
 * A second table repeats the comparison under `-icount shift=0,sleep=off`, where QEMU advances
 * the guest clock by exactly 1 ns per instruction executed: "ns" there are instructions, the same
 * from run to run and independent of the host's load (but blind to what costs the emulator more
 * than an instruction: exceptions, TLB flushes, translating code).
 * Then: the kernel image size, the time from QEMU's start to "OpenOS ready", the allocator
 * throughput measured inside the kernel (`bench` on the command line), and the same buddy-allocator
 * pattern compiled from C and from TypeScript and run on this host. A benchmark, not a test:
 * numbers are printed, never judged. The OpenOS kernel is the release build unless `--checked`.
 *
 * Usage: npx tsx tools/bench/run.ts [--runs N] [--icount-runs N] [--percent P] [--checked] [--no-linux] [--boots N] [--machine qemu|v86]
 *   --runs N      boots of each system for the comparison (default 3; the median is reported)
 *   --icount-runs N  boots of each system for the instruction-count table (default 1; 0 skips it)
 *   --percent P   run each benchmark for P % of its default iteration count (default 100)
 *   --checked     benchmark the checked kernel build instead of the release build
 *   --no-linux    the OpenOS half only (Linux is skipped as well when it cannot be downloaded)
 *   --boots N     boots for the boot-time table (default 5)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { buildKernel } from "../build/kernel.js";
import { REPO_ROOT } from "../build/kernel-link.js";
import { startMachine, type MachineChoice } from "../machine/index.js";
import { qemuArguments, QEMU_BINARY } from "../machine/qemu.js";
import { buildInitramfs } from "../build/initramfs.js";
import { SYSCALL_BENCHMARKS, runBenchAll, type BenchOutput } from "./syscalls.js";
import {
  SCRIPT_BENCHMARK, benchInit, debianLinuxKernel, linuxCmdline, scriptBenchItems, writeLinuxBenchInitramfs,
  writeOpenOSBenchInitramfs, type LinuxKernel,
} from "./linux.js";
import { emitC, linkProgram } from "../../compiler/src/driver.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "icount-runs": { type: "string", default: "1" },
    boots: { type: "string", default: "5" },
    checked: { type: "boolean", default: false },
    release: { type: "boolean", default: false }, // the default; accepted for older command lines
    "no-linux": { type: "boolean", default: false },
    machine: { type: "string", default: "qemu" },
    percent: { type: "string", default: "100" },
  },
});
const PERCENT = Math.max(1, Number(values.percent));
const RUNS = Math.max(1, Number(values.runs));
const ICOUNT_RUNS = Math.max(0, Number(values["icount-runs"]));
/**
 * QEMU's deterministic mode: the guest clock advances 1 ns per instruction (2^0), and an idle
 * guest jumps to its next timer instead of following the host's clock (sleep=off).
 */
const ICOUNT_ARGS: readonly string[] = ["-icount", "shift=0,sleep=off"];
const BOOTS = Math.max(1, Number(values.boots));
const MACHINE = values.machine as MachineChoice;
const RELEASE = !values.checked;
const OUT_DIR = path.join(REPO_ROOT, "build", "bench");
/** Guest RAM for every benchmark boot, OpenOS and Linux alike. */
const MEMORY_MIB = 128;
/** Runs of the 200-command script per boot at 100 %. */
const SCRIPT_RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Boots once; resolves with the serial text and the ms from start to `until` appearing (or the run's end). */
async function boot(kernel: string, cmdline: string, until: RegExp, stopAtMatch: boolean): Promise<{ serial: string; ms: number | null }> {
  let text = "";
  let hitMs: number | null = null;
  const t0 = performance.now();
  const m = startMachine({ machine: MACHINE, kernel, cmdline, timeoutMs: 120_000, onSerial: (b) => {
    text += Buffer.from(b).toString("utf8");
    if (hitMs === null && until.test(text)) {
      hitMs = performance.now() - t0;
      if (stopAtMatch) m.stop();
    }
  } });
  const r = await m.result;
  if (hitMs === null) throw new Error(`no ${until} from the kernel (${r.reason}):\n${r.serial}\n${r.diagnostics}`);
  return { serial: r.serial, ms: hitMs };
}

/** A Markdown table: the first `textColumns` columns left-aligned, the numbers after them right-aligned. */
function table(header: string[], rows: string[][], textColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const left = (i: number) => i < textColumns;
  const line = (cells: string[]) => `| ${cells.map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (left(i) ? ":" : "-") + "-".repeat(w) + (left(i) ? "-" : ":")).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Prints the QEMU and host facts a reader needs to judge the numbers. */
function describeSetup(linux: LinuxKernel | null, cmdline: string): void {
  if (MACHINE === "qemu") {
    const args = qemuArguments({ kernel: "<kernel>", memoryMiB: MEMORY_MIB, modules: ["<initramfs>"], cmdline: "<cmdline>" });
    const qemu = execFileSync(QEMU_BINARY, ["--version"], { encoding: "utf8" }).split("\n")[0];
    console.log(`QEMU: ${QEMU_BINARY} ${args.join(" ")}  (${qemu}; TCG, default CPU qemu32, one CPU)`);
  }
  console.log(`OpenOS: ${RELEASE ? "release" : "checked"} kernel, command line "${cmdline}"`);
  if (linux !== null) console.log(`Linux: Debian ${linux.package} ${linux.version}, command line "${linuxCmdline(benchInit(cmdline.includes("busybox"), PERCENT))}"`);
  console.log(`Host: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

/** One system for the comparison: how to boot it, and its runs' numbers by benchmark. */
interface System { name: string; kernel: string; initramfs: string; cmdline: string; perName: Map<string, number[]>; failures: string[] }

/** Boots `sys` once (under `extraArgs`) and adds its results; a run that fails is recorded, not fatal. */
async function runOnce(sys: System, run: number, extraArgs: readonly string[]): Promise<void> {
  let out: BenchOutput;
  try {
    out = await runBenchAll({ kernel: sys.kernel, initramfs: sys.initramfs, machine: MACHINE, percent: PERCENT, cmdline: sys.cmdline, memoryMiB: MEMORY_MIB, extraArgs });
  } catch (err) {
    sys.failures.push(`run ${run}: ${(err as Error).message.split("\n")[0]}`);
    return;
  }
  for (const r of out.results) sys.perName.set(r.name, [...(sys.perName.get(r.name) ?? []), r.nsPerOp]);
  sys.failures.push(...out.failures.map((f) => `run ${run}: ${f}`));
}

/**
 * The comparison: the /bench programs and the shell-script benchmark on OpenOS and on Linux,
 * `RUNS` boots each, alternating, then the table of medians and ratios; then the same under
 * -icount (ICOUNT_RUNS boots each) for the instruction counts.
 */
async function compareWithLinux(kernel: string, baseInitramfs: string): Promise<void> {
  const linux = values["no-linux"] || MACHINE !== "qemu" ? null : await debianLinuxKernel().catch((err: Error) => {
    console.log(`\nCannot get Debian's Linux kernel (${err.message.split("\n")[0]}): the OpenOS half only.`);
    return null;
  });
  const busybox = await scriptBenchItems(OUT_DIR, true, Math.max(1, Math.round(SCRIPT_RUNS * PERCENT / 100)), PERCENT).catch((err: Error) => {
    console.log(`\nCannot get Debian's busybox (${err.message.split("\n")[0]}): no shell-script benchmark.`);
    return null;
  });
  const init = benchInit(busybox !== null, PERCENT);
  const systems: System[] = [{
    name: "OpenOS", kernel, cmdline: `init=${init}`, perName: new Map(), failures: [],
    initramfs: writeOpenOSBenchInitramfs(baseInitramfs, busybox ?? [], path.join(OUT_DIR, "openos-bench.cpio")),
  }];
  if (linux !== null) {
    systems.push({
      name: "Linux", kernel: linux.bzImage, cmdline: linuxCmdline(init), perName: new Map(), failures: [],
      initramfs: await writeLinuxBenchInitramfs(OUT_DIR, busybox ?? [], path.join(OUT_DIR, "linux-bench.cpio")),
    });
  }
  console.log(`\nOpenOS against Linux: the same static i386 programs (/bench) and busybox, ${PERCENT} % of the default iterations, ${RUNS} boots of each system, alternating; guest ns per operation, median of the boots.`);
  describeSetup(linux, `init=${init}`);
  const names = [...SYSCALL_BENCHMARKS.keys(), ...(busybox !== null ? [SCRIPT_BENCHMARK[0]] : [])];
  await compareRuns(systems, names, RUNS, [], "ns/op");
  if (ICOUNT_RUNS > 0 && MACHINE === "qemu") {
    for (const sys of systems) { sys.perName.clear(); sys.failures.length = 0; }
    console.log(`\nThe same under QEMU ${ICOUNT_ARGS.join(" ")} (the guest clock counts instructions: "ns" are instructions per operation, repeatable and independent of the host's load), ${ICOUNT_RUNS} boot(s) of each system:`);
    await compareRuns(systems, names, ICOUNT_RUNS, ICOUNT_ARGS, "instr/op");
  }
}

/** Boots every system `runs` times, alternating, under `extraArgs`; prints the table of medians and ratios. */
async function compareRuns(systems: System[], names: string[], runs: number, extraArgs: readonly string[], unit: string): Promise<void> {
  const t0 = performance.now();
  for (let run = 1; run <= runs; run++) for (const sys of systems) await runOnce(sys, run, extraArgs);
  const [openos, other] = [systems[0]!, systems[1]];
  const what = new Map([...SYSCALL_BENCHMARKS, SCRIPT_BENCHMARK]);
  const cell = (sys: System | undefined, n: string) => {
    const xs = sys?.perName.get(n);
    return xs === undefined || xs.length === 0 ? null : median(xs);
  };
  const rows = names.map((n) => {
    const a = cell(openos, n), b = cell(other, n);
    return [n, what.get(n) ?? "", a === null ? "—" : a.toFixed(1), b === null ? "—" : b.toFixed(1), a !== null && b !== null && b > 0 ? (a / b).toFixed(2) : "—"];
  });
  console.log(table(["test", "one operation", `OpenOS ${unit}`, `Linux ${unit}`, "OpenOS/Linux"], rows, 2));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s; host load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`);
  for (const sys of systems) for (const f of sys.failures) console.log(`  ${sys.name} ${f}`);
}

/** ns per alloc+free pair of compiler/bench/workloads/buddy.{c,ts} on this host (median of 5 runs). */
function hostBuddyReference(): string[][] {
  const dir = path.join(REPO_ROOT, "compiler", "bench");
  const pairs = 16000 * 64;
  const rows: string[][] = [];
  for (const v of ["c", "release"] as const) {
    const exe = path.join(OUT_DIR, `buddy-${v}`);
    const workDir = path.join(OUT_DIR, "work", `buddy-${v}`);
    fs.mkdirSync(workDir, { recursive: true });
    let c: string;
    if (v === "c") {
      c = fs.readFileSync(path.join(dir, "workloads", "buddy.c"), "utf8");
      fs.copyFileSync(path.join(dir, "bench.h"), path.join(workDir, "bench.h"));
    } else {
      const r = emitC(path.join(dir, "workloads", "buddy.ts"), "host", false);
      if (!r.ok) throw new Error(r.errors);
      c = r.c;
    }
    linkProgram(c, exe, { release: true, workDir });
    const times = Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      const r = spawnSync(exe);
      if (r.status !== 0) throw new Error(`${exe} failed`);
      return performance.now() - t0;
    });
    rows.push([`host ${v === "c" ? "C" : "ostc release"}: buddy alloc+free pair, orders 0-3 (incl. process start)`, (median(times) * 1e6 / pairs).toFixed(1)]);
  }
  return rows;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const [kernel, initramfs] = await Promise.all([
    buildKernel({ release: RELEASE, output: path.join(OUT_DIR, `kernel-${RELEASE ? "release" : "checked"}.elf`) }),
    buildInitramfs({ workDir: OUT_DIR, release: RELEASE }),
  ]);
  console.log(`OpenOS kernel benchmark (${RELEASE ? "release" : "checked"} kernel, ${MACHINE}${MACHINE === "qemu" ? " TCG" : ""})`);

  await compareWithLinux(kernel, initramfs);

  const [text, data, bss] = execFileSync("size", [kernel], { encoding: "utf8" }).trim().split("\n")[1]!.trim().split(/\s+/).map(Number);
  console.log(`\n${table(["kernel image (size)", "bytes"], [["text", String(text)], ["data", String(data)], ["bss", String(bss)]])}`);
  const bootMs: number[] = [];
  for (let i = 0; i < BOOTS; i++) bootMs.push((await boot(kernel, "", /OpenOS ready/, true)).ms!);
  console.log(`\n${table(["boot", "ms"], [
    [`machine start → "OpenOS ready" (median of ${BOOTS})`, median(bootMs).toFixed(0)],
    ["min", Math.min(...bootMs).toFixed(0)],
    ["max", Math.max(...bootMs).toFixed(0)],
  ])}`);

  const perName = new Map<string, number[]>();
  const allocatorBoots = Math.min(BOOTS, 3);
  for (let i = 0; i < allocatorBoots; i++) {
    const { serial } = await boot(kernel, "bench", /bench done/, false);
    for (const m of serial.matchAll(/^bench (\S+) ns_per_op=([\d.]+)/gm)) {
      perName.set(m[1]!, [...(perName.get(m[1]!) ?? []), Number(m[2])]);
    }
  }
  console.log(`\nIn-kernel benchmarks: allocator throughput, kernel-thread switches (guest ns per op under ${MACHINE}, median of ${allocatorBoots} boots; emulated time, not host time):`);
  console.log(table(["benchmark", "ns/op"], [...perName].map(([n, xs]) => [n, median(xs).toFixed(1)])));
  console.log("\nThe same buddy pattern run natively on this host (compiler/bench/workloads/buddy.{c,ts}):");
  console.log(table(["reference", "ns/pair"], hostBuddyReference()));
}

await main();
