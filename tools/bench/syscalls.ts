/**
 * The system-call benchmarks: static i386 programs (tools/bench/programs, built into the
 * initramfs under /bench) that print `bench <name> <iterations> <ns_per_op>` lines. `/bench/all`
 * runs them all as the first process; this module boots a kernel that way and reads the lines.
 * The same binaries are meant to run unchanged on Linux (see docs/performance.md).
 */
import { startMachine, type MachineChoice } from "../machine/index.js";

/** What each benchmark program measures, for tables (the programs themselves say it in detail). */
export const SYSCALL_BENCHMARKS: ReadonlyMap<string, string> = new Map([
  ["getpid_int80", "null system call (getpid) through int 0x80"],
  ["getpid_vsyscall", "null system call through AT_SYSINFO (sysenter / vDSO)"],
  ["fork_exit_wait", "fork + child exit + wait4"],
  ["fork_execve_wait", "fork + execve of a tiny static program + wait4"],
  ["pipe_pingpong", "pipe round trip of one byte between two processes"],
  ["ctxswitch", "context switch between two processes (lmbench lat_ctx)"],
  ["sse_pingpong", "pipe round trip between two processes that both use xmm0-7"],
  ["pipe_64k", "64 KiB through a pipe to another process"],
  ["page_fault", "first write to an anonymous page"],
  ["mmap_munmap_1m", "mmap2 + munmap of 1 MiB, untouched"],
  ["open_close", "open + close of an existing file"],
]);

/** One report line of a benchmark program. */
export interface BenchLine { name: string; iterations: number; nsPerOp: number }

/** What a run of /bench/all printed: the results, the programs that failed, and its closing count. */
export interface BenchOutput {
  results: BenchLine[];
  /** Programs that printed an error or did not exit with status 0, with what was said. */
  failures: string[];
  /** From `bench done <tests> tests, <failed> failed`; null when the line never came. */
  done: { tests: number; failed: number } | null;
}

/** Reads the `bench …` lines out of console output (anything else is ignored). */
export function parseBenchOutput(text: string): BenchOutput {
  const out: BenchOutput = { results: [], failures: [], done: null };
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    let m: RegExpExecArray | null;
    if ((m = /^bench (\S+) (\d+) (\d+\.\d)$/.exec(line))) out.results.push({ name: m[1]!, iterations: Number(m[2]), nsPerOp: Number(m[3]) });
    else if ((m = /^bench done (\d+) tests, (\d+) failed$/.exec(line))) out.done = { tests: Number(m[1]), failed: Number(m[2]) };
    else if (/^bench \S+ (failed|error:) /.test(line)) out.failures.push(line);
  }
  return out;
}

/** The kernel command line that runs every benchmark at `percent` of its default iteration count. */
export function benchAllCmdline(percent: number, tests: readonly string[] = []): string {
  return ["init=/bench/all", "--", String(percent), ...tests].join(" ");
}

/**
 * Boots `kernel` with `initramfs` and runs /bench/all; resolves with its output once `bench done`
 * appears (the machine is stopped there, so a kernel that keeps running after its first process
 * ends, as Linux does, needs no special exit). Rejects when the line never comes. `cmdline`
 * replaces the command line that starts /bench/all directly (benchAllCmdline), for a kernel that
 * wants other words or a first process that runs more before it; `extraArgs` go to QEMU.
 */
export async function runBenchAll(opts: {
  kernel: string; initramfs: string; machine: MachineChoice; percent: number; tests?: readonly string[];
  memoryMiB?: number; timeoutMs?: number; cmdline?: string; extraArgs?: readonly string[];
}): Promise<BenchOutput> {
  let text = "";
  const m = startMachine({
    machine: opts.machine, kernel: opts.kernel, modules: [opts.initramfs], cmdline: opts.cmdline ?? benchAllCmdline(opts.percent, opts.tests),
    memoryMiB: opts.memoryMiB ?? 128, timeoutMs: opts.timeoutMs ?? 600_000, extraArgs: opts.extraArgs,
    onSerial: (b) => {
      text += Buffer.from(b).toString("utf8");
      if (/^bench done .*\n/m.test(text)) m.stop(); // the whole line, not a chunk of it
    },
  });
  const r = await m.result;
  const out = parseBenchOutput(r.serial);
  if (out.done === null) throw new Error(`/bench/all did not finish (${r.reason}):\n${r.serial}\n${r.diagnostics}`);
  return out;
}
