/**
 * Process-layer bring-up: the scheduler (policy from `sched=`), the system-call entry, the fault
 * policy, and the initramfs executables are loaded from; and running the first process.
 */
import { BootInfo, cmdlineHas, cmdlineValue } from "../boot/multiboot";
import { KERNEL_BASE } from "../arch/x86/layout";
import { schedInit, joinTask } from "./sched";
import { Cfs, O1, RoundRobin, SchedPolicy } from "./policy";
import { setSyscallTracing, syscallInit } from "../syscall/dispatch";
import { procCallsInit, setBootEpoch } from "../syscall/proc_calls";
import { threadCallsInit } from "../syscall/thread_calls";
import { resourceCallsInit } from "../syscall/resource_calls";
import { rtcEpochSeconds } from "../drivers/rtc";
import { monotonicNs } from "../drivers/pit";
import { processFaultsInit } from "./faults";
import { signalInit } from "./signal";
import { parseInitramfs, Initramfs } from "../fs/initramfs";
import { ExecutableFile, setExecutableLookup, spawnProcess, vsyscallInit } from "./process";
import { directMapBytes } from "../mm/pmm";
import { pageRefInit } from "../mm/pageref";
import { info, error, warn } from "../lib/printk";

/** The policy named by `sched=` (rr, o1 or cfs; CFS by default). */
export function policyFromCmdline(name: string | null): SchedPolicy {
  if (name === "rr") return new RoundRobin();
  if (name === "o1") return new O1();
  if (name !== null && name !== "cfs") warn(`sched=${name}: unknown policy, using cfs`);
  return new Cfs();
}

let archive: Initramfs | null = null;

/** Executables straight from the initramfs (until a file system is mounted over it). */
function fromArchive(path: string): ExecutableFile | null {
  const a = archive;
  const f = a === null ? null : a.find(path);
  return f === null ? null : new ExecutableFile(f.data, f.size, 0);
}

/** Starts the scheduler and system calls, and finds the initramfs among the boot modules. */
export function procInit(boot: BootInfo, hasSysenter: boolean): Initramfs | null {
  schedInit(policyFromCmdline(cmdlineValue(boot.cmdline, "sched")));
  syscallInit();
  setSyscallTracing(cmdlineHas(boot.cmdline, "strace"));
  procCallsInit();
  threadCallsInit();
  resourceCallsInit();
  signalInit();
  const now = rtcEpochSeconds();
  setBootEpoch(now > monotonicNs() / 1000000000n ? now - monotonicNs() / 1000000000n : now);
  pageRefInit();
  vsyscallInit(hasSysenter);
  processFaultsInit();
  if (boot.modules.length === 0) return null;
  const m = boot.modules[0];
  if (m.end > directMapBytes()) {
    error(`initramfs at ${m.start}..${m.end} lies outside the direct map; ignoring it`);
    return null;
  }
  const fs = parseInitramfs(m.start + KERNEL_BASE, m.end - m.start);
  if (fs.error !== "") warn(`initramfs: ${fs.error}`);
  info(`initramfs: ${fs.files.length} files`);
  archive = fs;
  setExecutableLookup(fromArchive);
  return fs;
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
