/**
 * CLI: builds the boot smoke-test kernel and prints the ELF's path.
 *
 * Usage: npx tsx tools/build-kernel-stub.ts [output.elf]   (default build/boot-smoke.elf)
 */

import { STUB_KERNEL_ELF, buildStubKernel } from "./build/stub-kernel.js";

const built = await buildStubKernel(process.argv[2] ?? STUB_KERNEL_ELF);
process.stderr.write(built.warnings);
console.log(built.elf);
