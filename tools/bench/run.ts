/**
 * `npm run bench`: kernel benchmarks on QEMU (TCG). Builds the kernel, prints its image size,
 * the time from QEMU's start to the kernel's "OpenOS ready" line (median of several boots), the
 * system-call benchmarks (the static i386 programs in /bench of the initramfs, run by
 * `/bench/all` as the first process), and the allocator throughput measured inside the kernel
 * (`bench` on the command line), next to the same buddy-allocator pattern compiled from C and
 * from TypeScript and run on this host. A benchmark, not a test: numbers are printed, never judged.
 *
 * Usage: npx tsx tools/bench/run.ts [--boots N] [--release] [--machine qemu|v86] [--percent P]
 *   --percent P   run each system-call benchmark for P % of its default iteration count (100)
 */
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { buildKernel } from "../build/kernel.js";
import { REPO_ROOT } from "../build/kernel-link.js";
import { startMachine, type MachineChoice } from "../machine/index.js";
import { buildInitramfs } from "../build/initramfs.js";
import { SYSCALL_BENCHMARKS, runBenchAll } from "./syscalls.js";
import { emitC, linkProgram } from "../../compiler/src/driver.js";

const { values } = parseArgs({
  options: {
    boots: { type: "string", default: "5" },
    release: { type: "boolean", default: false },
    machine: { type: "string", default: "qemu" },
    percent: { type: "string", default: "100" },
  },
});
const PERCENT = Math.max(1, Number(values.percent));
const BOOTS = Math.max(1, Number(values.boots));
const MACHINE = values.machine as MachineChoice;
const OUT_DIR = path.join(REPO_ROOT, "build", "bench");

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

/** Runs /bench/all on `boots` boots; prints the median ns/op of each system-call benchmark and any failures. */
async function syscallBenchmarks(kernel: string, initramfs: string, boots: number): Promise<void> {
  const perName = new Map<string, number[]>();
  const failures: string[] = [];
  for (let i = 0; i < boots; i++) {
    const out = await runBenchAll({ kernel, initramfs, machine: MACHINE, percent: PERCENT });
    for (const r of out.results) perName.set(r.name, [...(perName.get(r.name) ?? []), r.nsPerOp]);
    failures.push(...out.failures.map((f) => `boot ${i + 1}: ${f}`));
  }
  console.log(`\nSystem calls from user space (static i386 programs in /bench, ${PERCENT} % of the default iterations; guest ns per op under ${MACHINE}, median of ${boots} boots):`);
  console.log(table(["test", "what", "OpenOS ns/op"], [...perName].map(([n, xs]) => [n, SYSCALL_BENCHMARKS.get(n) ?? "", median(xs).toFixed(1)]), 2));
  for (const f of failures) console.log(`  ${f}`);
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
    buildKernel({ release: values.release, output: path.join(OUT_DIR, `kernel-${values.release ? "release" : "checked"}.elf`) }),
    buildInitramfs({ workDir: OUT_DIR, release: values.release }),
  ]);
  const [text, data, bss] = execFileSync("size", [kernel], { encoding: "utf8" }).trim().split("\n")[1]!.trim().split(/\s+/).map(Number);
  console.log(`OpenOS kernel benchmark (${values.release ? "release" : "checked"} kernel, ${MACHINE}${MACHINE === "qemu" ? " TCG" : ""}, ${BOOTS} boots)\n`);
  console.log(table(["kernel image (size)", "bytes"], [["text", String(text)], ["data", String(data)], ["bss", String(bss)]]));

  const bootMs: number[] = [];
  for (let i = 0; i < BOOTS; i++) bootMs.push((await boot(kernel, "", /OpenOS ready/, true)).ms!);
  console.log(`\n${table(["boot", "ms"], [
    ["machine start → \"OpenOS ready\" (median)", median(bootMs).toFixed(0)],
    ["min", Math.min(...bootMs).toFixed(0)],
    ["max", Math.max(...bootMs).toFixed(0)],
  ])}`);

  await syscallBenchmarks(kernel, initramfs, Math.min(BOOTS, 3));

  const perName = new Map<string, number[]>();
  for (let i = 0; i < Math.min(BOOTS, 3); i++) {
    const { serial } = await boot(kernel, "bench", /bench done/, false);
    for (const m of serial.matchAll(/^bench (\S+) ns_per_op=([\d.]+)/gm)) {
      perName.set(m[1]!, [...(perName.get(m[1]!) ?? []), Number(m[2])]);
    }
  }
  console.log(`\nIn-kernel allocator throughput (guest ns per op under ${MACHINE}, median of ${Math.min(BOOTS, 3)} boots; emulated time, not host time):`);
  console.log(table(["benchmark", "ns/op"], [...perName].map(([n, xs]) => [n, median(xs).toFixed(1)])));
  console.log("\nThe same buddy pattern run natively on this host (compiler/bench/workloads/buddy.{c,ts}):");
  console.log(table(["reference", "ns/pair"], hostBuddyReference()));
}

await main();
