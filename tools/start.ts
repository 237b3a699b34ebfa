/**
 * `npm start`: builds the kernel and the initramfs (init, sh, coreutils) and boots OpenOS with
 * the terminal on its serial console — on QEMU when qemu-system-i386 is installed, otherwise on
 * the embedded v86. Arguments become the kernel command line (default `init=/bin/init`, which
 * starts the shell). Quit with Ctrl-A x (QEMU) or Ctrl-] (v86).
 */
import { buildOs } from "./build/os.js";
import { availableMachines, bootMachine } from "./machine/index.js";

const args = process.argv.slice(2).join(" ");
const cmdline = args === "" ? "init=/bin/init" : args;
let kernel: string, initramfs: string;
try {
  process.stderr.write("Building the kernel and the initramfs…\n");
  ({ kernel, initramfs } = await buildOs());
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const machine = availableMachines().includes("qemu") ? "qemu" : "v86";
const interactive = process.stdin.isTTY === true;
process.stderr.write(`Booting OpenOS on ${machine} (${cmdline}). Quit with ${machine === "qemu" ? "Ctrl-A x" : "Ctrl-]"}.\n`);
const result = await bootMachine({
  machine, kernel, modules: [initramfs], cmdline, interactive,
  onSerial: interactive ? undefined : (b) => process.stdout.write(b),
  timeoutMs: interactive ? undefined : 60_000,
});
process.exit(result.exitCode ?? 0);
