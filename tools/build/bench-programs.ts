/**
 * Builds the system-call benchmark programs (tools/bench/programs/*.c): static i386 executables
 * with raw Linux system calls and no libc, so the very same binaries run on OpenOS and on Linux.
 * The host gcc compiles them (`-m32 -nostdlib`: no multilib packages needed); the initramfs
 * carries them under /bench.
 */
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./kernel-link.js";
import { BuildCache, toolchainId } from "../../compiler/src/buildcache.js";
import { BACKGROUND, runTool } from "../../compiler/src/toolrunner.js";

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
export async function buildBenchPrograms(outDir: string, cache?: BuildCache): Promise<BenchProgram[]> {
  return buildStaticPrograms(BENCH_PROGRAMS_DIR, outDir, cache);
}

/** The raw-ABI test programs (C, for what TypeScript cannot say: segment registers and the like). */
export const ABI_TEST_PROGRAMS_DIR = path.join(REPO_ROOT, "test", "abi");

/** gcc flags of the ABI tests: BENCH_CFLAGS at -O1 (they are not timed; -O2 takes twice as long to compile). */
export const ABI_TEST_CFLAGS = [...BENCH_CFLAGS, "-O1"];

/**
 * Compiles every `srcDir/*.c` into `outDir` with `cflags`; resolves with them sorted by name.
 * With a cache, a program whose source, headers (srcDir/*.h) and tools are unchanged is copied.
 */
export async function buildStaticPrograms(srcDir: string, outDir: string, cache?: BuildCache, cflags: readonly string[] = BENCH_CFLAGS): Promise<BenchProgram[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const files = fs.readdirSync(srcDir);
  const names = files.filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
  const headers = cache && files.filter((f) => f.endsWith(".h")).sort().flatMap((f) => [f, fs.readFileSync(path.join(srcDir, f))]);
  return Promise.all(names.map(async (name) => {
    const out = path.join(outDir, name);
    const src = path.join(srcDir, `${name}.c`);
    const key = cache ? BuildCache.key("static-program", toolchainId(), ...cflags, src, ...headers!, fs.readFileSync(src)) : "";
    if (cache?.fetch(key, out)) return { name, path: out };
    try {
      await runTool("gcc", [...cflags, src, "-o", out], { priority: BACKGROUND });
      cache?.store(key, out);
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`gcc failed on ${path.relative(REPO_ROOT, path.join(srcDir, name))}.c:\n${e.stderr ?? e.message}`);
    }
    return { name, path: out };
  }));
}
