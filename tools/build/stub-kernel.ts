/**
 * The boot smoke-test kernel: boot.S plus kernel/arch/x86/boot_stub.c, a C
 * stand-in for the TypeScript kernel. It goes to build/boot-smoke.elf so it
 * never overwrites the real build/kernel.elf.
 */

import path from "node:path";
import { ARCH_DIR, linkKernel, type KernelLinkResult } from "./kernel-link.js";

/** Where the smoke-test kernel goes by default (relative to the repository). */
export const STUB_KERNEL_ELF = "build/boot-smoke.elf";

/** Builds the smoke-test kernel. */
export function buildStubKernel(output: string = STUB_KERNEL_ELF): Promise<KernelLinkResult> {
  return linkKernel({
    sources: [path.join(ARCH_DIR, "boot_stub.c")],
    output,
    objectDir: "build/obj/boot-smoke",
  });
}
