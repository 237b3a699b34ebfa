/**
 * Builds the system-call benchmark programs (tools/bench/programs/*.c): static i386 executables
 * with raw Linux system calls and no libc, so the very same binaries run on OpenOS and on Linux.
 * The host gcc compiles them (`-m32 -nostdlib`: no multilib packages needed); the initramfs
 * carries them under /bench.
 */
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { REPO_ROOT } from "./kernel-link.js";

/** Where the sources live: one program per .c file, sharing the headers next to them. */
export const BENCH_PROGRAMS_DIR = path.join(REPO_ROOT, "tools", "bench", "programs");

/** gcc flags: freestanding static i386 code for any i686 (v86 included), no libgcc helpers. */
export const BENCH_CFLAGS = [
  "-m32", "-march=i686", "-std=gnu11", "-O2", "-static", "-nostdlib", "-ffreestanding", "-fno-builtin",
  "-fno-pic", "-no-pie", "-fno-stack-protector", "-fno-asynchronous-unwind-tables",
  "-fno-tree-loop-distribute-patterns", "-Wall", "-Wextra", "-Werror",
  "-Wl,--build-id=none", "-Wl,-z,noexecstack",
];

/** A built benchmark program. */
export interface BenchProgram { name: string; path: string }

/** Compiles every program into `outDir`; resolves with them sorted by name. */
export async function buildBenchPrograms(outDir: string): Promise<BenchProgram[]> {
  return buildStaticPrograms(BENCH_PROGRAMS_DIR, outDir);
}

/** The raw-ABI test programs (C, for what TypeScript cannot say: segment registers and the like). */
export const ABI_TEST_PROGRAMS_DIR = path.join(REPO_ROOT, "test", "abi");

/** Compiles every `srcDir/*.c` into `outDir` with BENCH_CFLAGS; resolves with them sorted by name. */
export async function buildStaticPrograms(srcDir: string, outDir: string): Promise<BenchProgram[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const names = fs.readdirSync(srcDir).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
  const gcc = promisify(execFile);
  return Promise.all(names.map(async (name) => {
    const out = path.join(outDir, name);
    try {
      await gcc("gcc", [...BENCH_CFLAGS, path.join(srcDir, `${name}.c`), "-o", out]);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`gcc failed on ${path.relative(REPO_ROOT, path.join(srcDir, name))}.c:\n${e.stderr ?? e.message}`);
    }
    return { name, path: out };
  }));
}
