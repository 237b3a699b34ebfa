/**
 * Builds the OpenOS kernel: ostc compiles kernel/main.ts and everything it imports to C, then
 * kernel-link compiles that with the runtime, glue and assembly and links build/kernel.elf.
 */
import fs from "node:fs";
import path from "node:path";
import { emitC, RUNTIME_DIR } from "../../compiler/src/driver.js";
import { linkKernel, REPO_ROOT } from "./kernel-link.js";

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
}

/** Compiles and links the kernel; throws with ostc's or gcc's messages on failure. */
export async function buildKernel(opts: KernelBuildOptions = {}): Promise<string> {
  const entry = path.join(REPO_ROOT, "kernel", "main.ts");
  const r = emitC(entry, "kernel", !opts.release);
  if (!r.ok) throw new Error(r.errors);
  const workDir = path.resolve(REPO_ROOT, opts.workDir ?? "build");
  const genDir = path.join(workDir, "gen");
  fs.mkdirSync(genDir, { recursive: true });
  const cFile = path.join(genDir, "kernel.c");
  fs.writeFileSync(cFile, r.c);
  const arch = path.join(REPO_ROOT, "kernel", "arch", "x86");
  const result = await linkKernel({
    sources: [cFile, path.join(RUNTIME_DIR, "ostc_rt.c"), path.join(arch, "ostc_glue.c"), path.join(arch, "isr.S"), path.join(arch, "paging.S"), path.join(arch, "switch.S")],
    output: opts.output ?? path.join(workDir, "kernel.elf"),
    objectDir: path.join(workDir, "obj"),
    includeDirs: [RUNTIME_DIR],
    symbolTableSourceRoot: path.dirname(entry),
    extraCflags: ["-std=gnu11", "-fno-builtin", "-Wno-unused-variable", "-Wno-unused-function", "-Wno-unused-label", "-Wno-unused-but-set-variable", "-Wno-address-of-packed-member", "-Wno-unused-value"],
  });
  if (result.warnings.trim()) process.stderr.write(result.warnings);
  return result.elf;
}
