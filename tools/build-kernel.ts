/** CLI: builds build/kernel.elf (`--release` for a release build). */
import { buildKernel } from "./build/kernel.js";

try {
  const elf = await buildKernel({ release: process.argv.includes("--release") });
  console.log(elf);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
