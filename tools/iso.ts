/**
 * `npm run iso`: builds build/openos.iso, a GRUB (BIOS) CD image of OpenOS for QEMU and PCs.
 *
 * Usage: npm run iso [-- [--append "<kernel cmdline>"] [--output file.iso]]
 * Boot it: qemu-system-i386 -cdrom build/openos.iso -serial stdio -display none
 */
import { parseArgs } from "node:util";
import { buildIso } from "./build/iso.js";

const { values } = parseArgs({ options: { append: { type: "string" }, output: { type: "string" } } });
try {
  console.log(await buildIso({ cmdline: values.append, output: values.output }));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
