/**
 * Builds the whole OS tree: the kernel, and the initramfs (user/bin programs, benchmark and ABI
 * test programs). The initramfs is built in a worker thread: ostc's front end is synchronous
 * (tsc, then the lowering), so in one thread the two front ends would run one after the other,
 * and gcc runs queued behind one would wait for it. Both builds use the content-addressed cache
 * in workDir/cache: an unchanged input is never compiled twice.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { buildKernel } from "./kernel.js";
import { REPO_ROOT } from "./kernel-link.js";
import { closeToolRunner } from "../../compiler/src/toolrunner.js";

/** The worker's first code: tsx's loader hooks are per thread, so it registers them, then loads initramfs-worker.ts. */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./initramfs-worker.ts", import.meta.url).href)}); });`;

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
  const initramfs = new Promise<{ path: string; ms: number }>((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { workDir, release: !!opts.release } });
    worker.once("message", (m: { path?: string; error?: string }) => (m.error !== undefined ? reject(new Error(m.error)) : resolve({ path: m.path!, ms: performance.now() - t0 })));
    worker.once("error", reject);
  });
  initramfs.catch(() => {}); // awaited below; a failure must not go unhandled while the kernel builds
  const kernel = await buildKernel({ release: opts.release, workDir }).finally(closeToolRunner);
  const kernelMs = performance.now() - t0;
  const ir = await initramfs;
  return { kernel, initramfs: ir.path, kernelMs, initramfsMs: ir.ms };
}
