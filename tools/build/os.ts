/**
 * Builds the whole OS tree: the kernel, and the initramfs (user/bin programs, benchmark and ABI
 * test programs), in one thread. ostc's front end is synchronous (tsc, then the lowering), so the
 * two front ends run one after the other: the initramfs's first, whose gcc and linker runs (and
 * the C programs') then keep the other CPU busy during the kernel's front end
 * (compiler/src/toolrunner.ts runs tools while this thread is busy); the kernel's compiles and
 * links, the end of the critical path, go first among waiting tools. One thread parses
 * TypeScript's lib files and loads tsc once, and the kernel's front end runs on warm code. Both
 * builds use the content-addressed cache in workDir/cache: an unchanged input is never compiled
 * twice.
 */
import path from "node:path";
import { buildInitramfs } from "./initramfs.js";
import { buildKernel } from "./kernel.js";
import { REPO_ROOT } from "./kernel-link.js";
import { closeToolRunner } from "../../compiler/src/toolrunner.js";

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
    // Runs the user front end before it first waits; the programs' tools then run in the background.
    const initramfs = buildInitramfs({ workDir, release: !!opts.release }).then((p) => ({ path: p, ms: performance.now() - t0 }));
    initramfs.catch(() => {}); // awaited below; a failure must not go unhandled while the kernel builds
    const kernel = await buildKernel({ release: opts.release, workDir });
    const kernelMs = performance.now() - t0;
    const ir = await initramfs;
    return { kernel, initramfs: ir.path, kernelMs, initramfsMs: ir.ms };
  } finally {
    await closeToolRunner();
  }
}
