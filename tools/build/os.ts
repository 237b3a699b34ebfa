/**
 * Builds the whole OS tree: the kernel, and the initramfs (user/bin programs, benchmark and ABI
 * test programs), in one thread. ostc's front end is synchronous (tsc, then the lowering), so the
 * two front ends run one after the other, each with the tool runner leaving it a CPU
 * (compiler/src/toolrunner.ts whileBusy). The order follows the critical path, the kernel's
 * front end and then its compiles: the C programs, the program runtime and the kernel's runtime
 * and assembly are asked for first and compile beside the kernel's front end; the kernel's compiles (which go first among waiting tools) then run beside
 * the userland's front end, and the userland's compiles and links with what is left of them.
 * One thread parses TypeScript's lib files and loads tsc once. Both builds use the
 * content-addressed cache in workDir/cache: an unchanged input is never compiled twice.
 */
import path from "node:path";
import { buildCPrograms, buildInitramfs } from "./initramfs.js";
import { buildKernel, defaultCache } from "./kernel.js";
import { REPO_ROOT } from "./kernel-link.js";
import { closeToolRunner } from "../../compiler/src/toolrunner.js";
import { prepareProgramRuntime } from "../../compiler/src/driver.js";

/** Options of an OS build. */
export interface OsBuildOptions {
  /** Release builds wrap on overflow instead of trapping. */
  readonly release?: boolean;
  /** Where everything goes (default build/). */
  readonly workDir?: string;
}

/** The built kernel ELF and initramfs, and how long each took (ms, from the start). */
export interface OsBuild { kernel: string; initramfs: string; kernelMs: number; initramfsMs: number }

/** Builds the kernel and the initramfs at the same time. */
export async function buildOs(opts: OsBuildOptions = {}): Promise<OsBuild> {
  const t0 = performance.now();
  const workDir = path.resolve(REPO_ROOT, opts.workDir ?? "build");
  try {
    const cache = defaultCache(workDir);
    const cPrograms = buildCPrograms(workDir, cache);
    prepareProgramRuntime(!!opts.release);
    // Runs the kernel's front end and asks for its compiles before it first waits.
    const kernel = buildKernel({ release: opts.release, workDir, cache }).then((p) => ({ path: p, ms: performance.now() - t0 }));
    kernel.catch(() => {}); // awaited below; a failure must not go unhandled while the initramfs builds
    const ir = await buildInitramfs({ workDir, release: !!opts.release, cache, cPrograms });
    const initramfsMs = performance.now() - t0;
    const k = await kernel;
    return { kernel: k.path, initramfs: ir, kernelMs: k.ms, initramfsMs };
  } finally {
    await closeToolRunner();
  }
}
