/**
 * Builds the OpenOS kernel: ostc compiles kernel/main.ts and everything it imports to C, then
 * kernel-link compiles that with the runtime, glue and assembly and links build/kernel.elf.
 */
import fs from "node:fs";
import path from "node:path";
import { CORE_RUNTIME_SOURCES, RUNTIME_DIR } from "../../compiler/src/driver.js";
import { BuildCache } from "../../compiler/src/buildcache.js";
import { compileEntry } from "./frontend.js";
import { BOOT_SOURCE, linkKernel, prepareKernelSources, REPO_ROOT } from "./kernel-link.js";

/** Options for a kernel build. */
export interface KernelBuildOptions {
  /** Release builds wrap on overflow instead of trapping. */
  release?: boolean;
  output?: string;
  /**
   * Where the generated C and the objects go (default build/); builds that may run at the
   * same time (tests) need their own.
   */
  workDir?: string;
  /**
   * How many C units the kernel's C is split into, compiled in parallel (compiler/src/lower/
   * split.ts). Default: 4 for checked builds (a fixed number, so that the kernel does not depend
   * on the machine that built it; an edit then recompiles about a quarter of the kernel's C);
   * release builds keep one unit, where gcc can inline across every module.
   */
  parts?: number;
  /** Reuse C, objects and the kernel of earlier builds (default: a cache in workDir/cache; null: none). */
  cache?: BuildCache | null;
}

/** C units of a checked kernel (KernelBuildOptions.parts). */
export const CHECKED_KERNEL_PARTS = 4;

/**
 * gcc's optimisation for the checked (debug) kernel, after KERNEL_CFLAGS' -O2, which release
 * kernels keep: -Og, gcc's level for the edit-compile-debug cycle (the -O1 passes that do not get
 * in a debugger's way), without variable-tracking assignments, compiles the kernel's C in about
 * half of -O2's time (a quarter less than -O1), most of a full build's critical path. Line
 * tables, frame pointers and the backtrace table are the same.
 */
export const CHECKED_KERNEL_CFLAGS: readonly string[] = ["-Og", "-fno-var-tracking-assignments"];

/** Compiles and links the kernel; throws with ostc's or gcc's messages on failure. */
export async function buildKernel(opts: KernelBuildOptions = {}): Promise<string> {
  const entry = path.join(REPO_ROOT, "kernel", "main.ts");
  const parts = opts.parts ?? (opts.release ? 1 : CHECKED_KERNEL_PARTS);
  const workDir = path.resolve(REPO_ROOT, opts.workDir ?? "build");
  const cache = opts.cache === undefined ? defaultCache(workDir) : opts.cache ?? undefined;
  const arch = path.join(REPO_ROOT, "kernel", "arch", "x86");
  const fixedSources = [...CORE_RUNTIME_SOURCES.map((f) => path.join(RUNTIME_DIR, f)), path.join(arch, "ostc_glue.c"), path.join(arch, "isr.S"), path.join(arch, "paging.S"), path.join(arch, "switch.S")];
  const linkOptions = {
    objectDir: path.join(workDir, "obj"),
    includeDirs: [RUNTIME_DIR],
    cache,
    extraCflags: [...(opts.release ? [] : CHECKED_KERNEL_CFLAGS), "-std=gnu11", "-fno-builtin", "-Wno-unused-variable", "-Wno-unused-function", "-Wno-unused-label", "-Wno-unused-but-set-variable", "-Wno-address-of-packed-member", "-Wno-unused-value"],
  };
  // The runtime and the assembly compile while the front end runs.
  prepareKernelSources([BOOT_SOURCE, ...fixedSources], linkOptions);
  const units = compileEntry(entry, "kernel", !opts.release, parts, cache);
  const genDir = path.join(workDir, "gen");
  fs.mkdirSync(genDir, { recursive: true });
  const cFiles = units.map((_, i) => path.join(genDir, units.length === 1 ? "kernel.c" : `kernel-${i}.c`));
  for (const f of fs.readdirSync(genDir)) if (/^kernel(-\d+)?\.c$/.test(f) && !cFiles.includes(path.join(genDir, f))) fs.rmSync(path.join(genDir, f));
  units.forEach((c, i) => writeIfChanged(cFiles[i]!, c));
  const result = await linkKernel({
    ...linkOptions,
    sources: [...cFiles, ...fixedSources],
    output: opts.output ?? path.join(workDir, "kernel.elf"),
    symbolTableSourceRoot: path.dirname(entry),
  });
  if (result.warnings.trim()) process.stderr.write(result.warnings);
  return result.elf;
}

/** Writes a file unless it already holds exactly this text (its time then says when it last changed). */
export function writeIfChanged(file: string, text: string): void {
  try {
    if (fs.readFileSync(file, "utf8") === text) return;
  } catch { /* absent */ }
  fs.writeFileSync(file, text);
}

/** Entries no build has used for this long are removed. */
const CACHE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** The build cache of a work directory (workDir/cache), without entries unused for a week. */
export function defaultCache(workDir: string): BuildCache {
  const cache = new BuildCache(path.join(workDir, "cache"));
  cache.prune(CACHE_MAX_AGE_MS);
  return cache;
}
