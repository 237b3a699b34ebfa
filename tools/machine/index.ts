/**
 * One entry point for every machine: pick QEMU or v86 by name, or let
 * "auto" prefer QEMU (the primary test machine) and fall back to v86.
 */

import type { BootOptions, BootResult, MachineName, RunningMachine } from "./machine.js";
import { qemuAvailable, startQemu } from "./qemu.js";
import { startV86 } from "./v86.js";

export type { BootOptions, BootResult, EndReason, MachineName, RunningMachine } from "./machine.js";

/** A machine name, or "auto" for the best one installed. */
export type MachineChoice = MachineName | "auto";

/** The machines that can run here, best first. v86 is an npm dependency. */
export function availableMachines(): MachineName[] {
  return qemuAvailable() ? ["qemu", "v86"] : ["v86"];
}

/** The machine "auto" stands for here. */
export function resolveMachine(choice: MachineChoice): MachineName {
  return choice === "auto" ? availableMachines()[0]! : choice;
}

/** Starts a kernel on the chosen machine; see RunningMachine. */
export function startMachine(options: BootOptions & { machine?: MachineChoice }): RunningMachine {
  const machine = resolveMachine(options.machine ?? "auto");
  return machine === "qemu" ? startQemu(options) : startV86(options);
}

/** Boots a kernel on the chosen machine and waits for the run to end. */
export function bootMachine(options: BootOptions & { machine?: MachineChoice }): Promise<BootResult> {
  return startMachine(options).result;
}
