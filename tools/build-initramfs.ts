/** CLI: builds build/initramfs.cpio from user/bin. */
import { buildInitramfs } from "./build/initramfs.js";

try {
  console.log(await buildInitramfs({ release: process.argv.includes("--release") }));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
