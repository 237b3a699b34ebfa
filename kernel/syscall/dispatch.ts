/**
 * The system-call entry for `int 0x80` with the Linux i386 convention: EAX holds the number,
 * EBX, ECX, EDX, ESI, EDI, EBP the arguments; the result (or a negative errno) goes back in
 * EAX. Numbers follow arch/x86/entry/syscalls/syscall_32.tbl. Unknown numbers return -ENOSYS
 * and are logged once each.
 */
import { TrapFrame } from "../arch/x86/trapframe";
import { Errno } from "./errno";
import { currentTask, onTrapReturn } from "../proc/sched";
import { exitProcess, exitThread } from "../proc/process";
import { heldTotal, releaseHeld } from "./held";
import { info, warn } from "../lib/printk";

/** Linux i386 system-call numbers implemented here. */
export const enum Sys {
  exit = 1, write = 4, getpid = 20, getppid = 64, gettid = 224, exit_group = 252,
}

const loggedUnknown = new Array<boolean>(512).fill(false);
let calls: u64 = 0n;

/** System calls served so far. */
export function syscallCount(): u64 {
  return calls;
}

/** A system-call implementation: six raw argument registers in, result or -errno out. */
export type SyscallFn = (a: u32, b: u32, c: u32, d: u32, e: u32, f: u32) => i32;

/** The table, indexed by Linux i386 number; subsystems fill their own entries. */
const table = new Array<SyscallFn | null>(512).fill(null);

/** Installs the implementation of system call `nr` (each subsystem registers its calls). */
export function registerSyscall(nr: u32, fn: SyscallFn): void {
  if (nr >= 512) panic(`syscall number ${nr} out of range`);
  table[nr] = fn;
}

/** exit: ends the calling thread (the process ends with its last one). */
function sysExit(a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  exitThread(i32(a & 0xff));
}
/** exit_group: ends every thread of the process. */
function sysExitGroup(a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  exitProcess(i32(a & 0xff));
}
/** getpid: the process id, which is the thread group's. */
function sysGetpid(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return currentTask().tgid;
}
/** gettid: the calling thread's own id. */
function sysGettid(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return currentTask().pid;
}
function sysGetppid(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = currentTask().parent;
  return p === null ? 0 : p.pid;
}

function dispatch(nr: u32, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32): i32 {
  const fn = nr < 512 ? table[nr] : null;
  if (fn !== null) return fn(a, b, c, d, e, f);
  if (nr < 512 && !loggedUnknown[nr]) {
    loggedUnknown[nr] = true;
    warn(`syscall ${nr} is not implemented (returns -ENOSYS)`);
  }
  return -Errno.ENOSYS;
}

let tracing = false;

/** Logs every system call with its arguments and result (`strace` on the kernel command line). */
export function setSyscallTracing(on: boolean): void {
  tracing = on;
}

/**
 * Serves the system call in `frame` and prepares the return to user mode; the `int 0x80` and
 * sysenter entry stubs call it (isr.S, switch.S) with interrupts on, so the timer keeps ticking
 * through long calls.
 * @linkname syscall_entry
 */
export function syscallEntry(frame: TrapFrame): void {
  calls += 1n;
  const t = currentTask();
  t.syscallNr = i32(frame.eax); // an interrupted call may be restarted with it
  const nr = frame.eax;
  const r = dispatch(nr, frame.ebx, frame.ecx, frame.edx, frame.esi, frame.edi, frame.ebp);
  if (heldTotal !== 0) releaseHeld(t.slot);
  cli(); // the checks before the return to user mode, and the return itself, run with interrupts off
  if (tracing) {
    const name = t.name;
    info(`strace ${name}[${t.pid}] ${nr}(${frame.ebx}, ${frame.ecx}, ${frame.edx}, ${frame.esi}, ${frame.edi}, ${frame.ebp}) = ${r}`);
    dispose(name);
  }
  frame.eax = r >>> 0;
  onTrapReturn(frame);
}

/** Registers the core calls (exit, ids); the other families register their own. */
export function syscallInit(): void {
  registerSyscall(Sys.exit, sysExit);
  registerSyscall(Sys.exit_group, sysExitGroup);
  registerSyscall(Sys.getpid, sysGetpid);
  registerSyscall(Sys.gettid, sysGettid);
  registerSyscall(Sys.getppid, sysGetppid);
}
