/**
 * Boot smoke test: builds the stub kernel, boots it on QEMU (when installed)
 * and on v86 with a command line and one module, reads its KTAP report from
 * COM1 and checks the exit code. Exits non-zero if any machine fails.
 *
 * Usage: npx tsx tools/boot-smoke.ts [--machine qemu|v86] [--serial]
 *   --machine  boot on that machine only (default: every available one)
 *   --serial   print each machine's raw serial output
 */

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./build/kernel-link.js";
import { buildStubKernel } from "./build/stub-kernel.js";
import { formatKtapReport } from "./ktap-format.js";
import { parseKtap } from "./ktap.js";
import { availableMachines, bootMachine, type BootResult, type MachineName } from "./machine/index.js";

const BOOT_TIMEOUT_MS = 20_000;
const MODULE_FILE = path.join(REPO_ROOT, "build/boot-smoke.module");

const { values } = parseArgs({
  options: {
    machine: { type: "string" },
    serial: { type: "boolean", default: false },
  },
});

function chooseMachines(): MachineName[] {
  const available = availableMachines();
  if (!available.includes("qemu")) console.log("note: qemu-system-i386 not found, booting on v86 only");
  if (values.machine === undefined) return available;
  if (values.machine !== "qemu" && values.machine !== "v86") throw new Error(`unknown machine ${values.machine}`);
  if (!available.includes(values.machine)) throw new Error(`${values.machine} is not available here`);
  return [values.machine];
}

/** Prints one run; returns whether it passed. */
function report(result: BootResult): boolean {
  const ktap = parseKtap(result.serial);
  const firstByte = result.firstSerialByteMs === null ? "none" : `${result.firstSerialByteMs.toFixed(0)} ms`;
  console.log(
    `== ${result.machine}: ${result.reason}, exit code ${result.exitCode ?? "none"}, ` +
      `first serial byte ${firstByte}, total ${result.elapsedMs.toFixed(0)} ms`,
  );
  if (values.serial) process.stdout.write(result.serial.replaceAll("\r\n", "\n"));
  if (result.diagnostics.trim() !== "") console.log(`machine said: ${result.diagnostics.trim()}`);
  process.stdout.write(formatKtapReport(ktap));
  return ktap.passed && result.reason === "exit" && result.exitCode === 0;
}

const machines = chooseMachines();
const { elf, warnings } = await buildStubKernel();
process.stderr.write(warnings);
await mkdir(path.dirname(MODULE_FILE), { recursive: true });
await writeFile(MODULE_FILE, "OpenOS boot smoke-test module\n");

let failures = 0;
for (const machine of machines) {
  const result = await bootMachine({
    machine,
    kernel: path.relative(process.cwd(), elf),
    cmdline: "smoke=1",
    modules: [path.relative(process.cwd(), MODULE_FILE)],
    memoryMiB: 128,
    timeoutMs: BOOT_TIMEOUT_MS,
  });
  if (!report(result)) failures++;
}
console.log(failures === 0 ? "boot smoke: PASS" : `boot smoke: FAIL on ${failures} machine(s)`);
process.exitCode = failures === 0 ? 0 : 1;
