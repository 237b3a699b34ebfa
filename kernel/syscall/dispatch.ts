/**
 * The system-call entry for `int 0x80` with the Linux i386 convention: EAX holds the number,
 * EBX, ECX, EDX, ESI, EDI, EBP the arguments; the result (or a negative errno) goes back in
 * EAX. Numbers follow arch/x86/entry/syscalls/syscall_32.tbl. Unknown numbers return -ENOSYS
 * and are logged once each.
 */
import { TrapFrame } from "../arch/x86/trapframe";
import { setSyscallHandler } from "../arch/x86/idt";
import { Errno } from "./errno";
import { currentTask } from "../proc/sched";
import { exitProcess, exitThread } from "../proc/process";
import { anyHeld, releaseHeld } from "./held";
import { MMAP_BASE, Prot, Region, USER_END, USER_STACK_BYTES, USER_STACK_TOP } from "../mm/aspace";
import { PAGE_BYTES } from "../arch/x86/paging";
import { info, warn } from "../lib/printk";

/** Linux i386 system-call numbers implemented here. */
export const enum Sys {
  exit = 1, write = 4, getpid = 20, brk = 45, getppid = 64, munmap = 91, mmap2 = 192, gettid = 224, exit_group = 252,
}

const PROT_WRITE: u32 = 2;
const PROT_EXEC: u32 = 4;
const MAP_PRIVATE: u32 = 0x02;
const MAP_FIXED: u32 = 0x10;
const MAP_ANONYMOUS: u32 = 0x20;

const loggedUnknown = new Array<boolean>(512).fill(false);
let calls: u64 = 0n;

/** System calls served so far. */
export function syscallCount(): u64 {
  return calls;
}


function pageUp(a: u32): u32 {
  return ((a + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0;
}

/**
 * brk: moves the program break. Growing extends (or creates) the demand-zero "heap" region,
 * which must not run into another mapping; shrinking unmaps the pages past the new break.
 * Returns the new break, or the old one when the request cannot be met (as Linux does).
 */
function sysBrk(addr: u32): u32 {
  const space = currentTask().aspace!;
  if (addr === 0 || addr < space.brkStart || addr > USER_STACK_TOP - USER_STACK_BYTES) return space.brk;
  const oldEnd = pageUp(space.brk);
  const newEnd = pageUp(addr);
  if (newEnd > oldEnd) {
    const heap = findHeap();
    for (const r of space.regions) if (r !== heap && r.start < newEnd && r.end > oldEnd) return space.brk;
    if (heap !== null) heap.end = newEnd;
    else if (!space.addRegion(pageUp(space.brkStart), newEnd, Prot.Read | Prot.Write, "heap")) return space.brk;
  } else if (newEnd < oldEnd) {
    if (space.unmapRange(newEnd, oldEnd) !== 0) return space.brk;
  }
  space.brk = addr;
  return addr;
}

function findHeap(): Region | null {
  const space = currentTask().aspace!;
  for (const r of space.regions) if (r.name === "heap") return r;
  return null;
}

function sysMmap2(addr: u32, len: u32, prot: u32, flags: u32, fd: i32): i32 {
  if (len === 0) return -Errno.EINVAL;
  if ((flags & MAP_ANONYMOUS) === 0 || fd !== -1) return -Errno.ENODEV; // files cannot be mapped yet
  if ((flags & MAP_PRIVATE) === 0) return -Errno.EINVAL;
  const space = currentTask().aspace!;
  const size = ((len + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0;
  let p: i32 = Prot.Read;
  if ((prot & PROT_WRITE) !== 0) p |= Prot.Write;
  if ((prot & PROT_EXEC) !== 0) p |= Prot.Exec;
  let start: u32 = addr;
  if ((flags & MAP_FIXED) !== 0) {
    if ((start & (PAGE_BYTES - 1)) !== 0) return -Errno.EINVAL;
    if (size === 0 || size > USER_END || start > USER_END - size) return -Errno.ENOMEM;
  } else {
    start = space.findFreeRange(size, MMAP_BASE);
    if (start === 0) return -Errno.ENOMEM;
  }
  if (!space.addRegion(start, start + size, p, "mmap")) return -Errno.ENOMEM;
  return i32(start);
}

function sysMunmap(addr: u32, len: u32): i32 {
  const space = currentTask().aspace!;
  if ((addr & (PAGE_BYTES - 1)) !== 0 || len === 0) return -Errno.EINVAL;
  return space.unmapRange(addr, ((addr + len + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0);
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
function sysBrkCall(a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return i32(sysBrk(a));
}
function sysMmap2Call(a: u32, b: u32, c: u32, d: u32, e: u32, _f: u32): i32 {
  return sysMmap2(a, b, c, d, i32(e));
}
function sysMunmapCall(a: u32, b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return sysMunmap(a, b);
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

function onSyscall(frame: TrapFrame): void {
  calls += 1n;
  const t = currentTask();
  t.syscallNr = i32(frame.eax); // an interrupted call may be restarted with it
  const nr = frame.eax;
  sti(); // system calls run with interrupts on; the timer keeps ticking
  const r = dispatch(nr, frame.ebx, frame.ecx, frame.edx, frame.esi, frame.edi, frame.ebp);
  if (anyHeld()) releaseHeld(t.slot);
  cli();
  if (tracing) {
    const name = t.name;
    info(`strace ${name}[${t.pid}] ${nr}(${frame.ebx}, ${frame.ecx}, ${frame.edx}, ${frame.esi}, ${frame.edi}, ${frame.ebp}) = ${r}`);
    dispose(name);
  }
  frame.eax = r >>> 0;
}

/** Installs the `int 0x80` handler and the core calls (exit, ids, memory); the file layer registers read/write. */
export function syscallInit(): void {
  registerSyscall(Sys.exit, sysExit);
  registerSyscall(Sys.exit_group, sysExitGroup);
  registerSyscall(Sys.getpid, sysGetpid);
  registerSyscall(Sys.gettid, sysGettid);
  registerSyscall(Sys.getppid, sysGetppid);
  registerSyscall(Sys.brk, sysBrkCall);
  registerSyscall(Sys.mmap2, sysMmap2Call);
  registerSyscall(Sys.munmap, sysMunmapCall);
  setSyscallHandler(onSyscall);
}
