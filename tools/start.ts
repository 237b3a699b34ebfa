/**
 * `npm start`: builds the kernel and boots OpenOS with the terminal on its serial console —
 * on QEMU when qemu-system-i386 is installed, otherwise on the embedded v86.
 * Quit with Ctrl-A x (QEMU) or Ctrl-] (v86).
 */
import { buildKernel } from "./build/kernel.js";
import { availableMachines, bootMachine } from "./machine/index.js";

const extra = process.argv.slice(2).join(" ");
let kernel: string;
try {
  kernel = await buildKernel();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
const machine = availableMachines().includes("qemu") ? "qemu" : "v86";
process.stderr.write(`Booting OpenOS on ${machine}. Quit with ${machine === "qemu" ? "Ctrl-A x" : "Ctrl-]"}.\n`);
const result = await bootMachine({ machine, kernel, cmdline: extra, interactive: process.stdin.isTTY === true, onSerial: process.stdin.isTTY ? undefined : (b) => process.stdout.write(b), timeoutMs: process.stdin.isTTY ? undefined : 60_000 });
process.exit(result.exitCode ?? 0);
