/**
 * Process-layer bring-up: the scheduler (policy from `sched=`), signals, the vsyscall page and
 * the fault policy; and running the first process.
 */
import { BootInfo, cmdlineValue } from "../boot/multiboot";
import { schedInit, joinTask } from "./sched";
import { Cfs, O1, RoundRobin, SchedPolicy } from "./policy";
import { processFaultsInit } from "./faults";
import { signalInit } from "./signal";
import { spawnProcess, vsyscallInit } from "./process";
import { pageRefInit } from "../mm/pageref";
import { error, warn } from "../lib/printk";

/** The policy named by `sched=` (rr, o1 or cfs; CFS by default). */
export function policyFromCmdline(name: string | null): SchedPolicy {
  if (name === "rr") return new RoundRobin();
  if (name === "o1") return new O1();
  if (name !== null && name !== "cfs") warn(`sched=${name}: unknown policy, using cfs`);
  return new Cfs();
}

/** Starts the scheduler, signals, the vsyscall page and the fault policy. */
export function procInit(boot: BootInfo, hasSysenter: boolean): void {
  schedInit(policyFromCmdline(cmdlineValue(boot.cmdline, "sched")));
  signalInit();
  pageRefInit();
  vsyscallInit(hasSysenter);
  processFaultsInit();
}

/**
 * Runs `path` as the first process, with `args` after its name in argv, and waits for it;
 * returns its exit status (or 127 if it cannot start).
 */
export function runFirstProcess(path: string, args: string[]): i32 {
  const argv: string[] = [path];
  for (const a of args) argv.push(a);
  const r = spawnProcess(path, argv, ["HOME=/", "PATH=/bin", "TERM=vt100"], null);
  const t = r.task;
  if (t === null) {
    error(`cannot start ${path}: error ${r.error}`);
    return 127;
  }
  return joinTask(t);
}
