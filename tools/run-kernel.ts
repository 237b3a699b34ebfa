/**
 * CLI: boots a kernel ELF on QEMU or v86 with the terminal on COM1.
 *
 * Usage: npx tsx tools/run-kernel.ts [options] <kernel.elf>
 *   --machine qemu|v86|auto  (default auto: QEMU if installed, else v86)
 *   --append "<cmdline>"     kernel command line
 *   --module <file>          multiboot module; repeat for more (v86: one)
 *   --memory <MiB>           guest RAM (default 128)
 *   --cpu <model>            QEMU -cpu model, e.g. max
 *   --timeout <ms>           end the run after this long (default: none)
 *   --batch                  no terminal: print the serial output only
 *
 * Quit keys: Ctrl-A x on QEMU, Ctrl-] on v86. The process exits with the
 * kernel's exit code, 124 on a timeout, 125 if the machine stopped without
 * one.
 */

import { parseArgs } from "node:util";
import { type MachineChoice, bootMachine } from "./machine/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    machine: { type: "string", default: "auto" },
    append: { type: "string" },
    module: { type: "string", multiple: true, default: [] },
    memory: { type: "string" },
    cpu: { type: "string" },
    timeout: { type: "string" },
    batch: { type: "boolean", default: false },
  },
});

const kernel = positionals[0];
if (kernel === undefined || !["qemu", "v86", "auto"].includes(values.machine)) {
  console.error("usage: npx tsx tools/run-kernel.ts [--machine qemu|v86|auto] [--append ...] [--module f] <kernel.elf>");
  process.exit(2);
}

const result = await bootMachine({
  machine: values.machine as MachineChoice,
  kernel,
  cmdline: values.append,
  modules: values.module,
  memoryMiB: values.memory === undefined ? undefined : Number(values.memory),
  cpu: values.cpu,
  timeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
  interactive: !values.batch,
  onSerial: values.batch ? (bytes) => process.stdout.write(bytes) : undefined,
});
if (result.diagnostics.trim() !== "") console.error(result.diagnostics.trim());
console.error(`\r\n[${result.machine}: ${result.reason}${result.exitCode === null ? "" : ` ${result.exitCode}`}]`);
process.exit(result.exitCode ?? (result.timedOut ? 124 : 125));
