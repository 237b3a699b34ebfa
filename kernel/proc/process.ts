/**
 * User processes and threads: creating a process from an executable in the initramfs (address
 * space, ELF image, initial stack laid out as Linux does: argc, argv, envp, auxiliary vector),
 * entering ring 3, fork/clone (threads share the address space and the process), execve (which
 * ends the other threads), wait4, and tearing a thread down at exit — the process ends with its
 * last thread, or with all of them at exit_group or a fatal signal.
 */
import { MappedFile } from "../mm/mappedfile";
import { AddressSpace, Prot, USER_END, USER_STACK_BYTES, USER_STACK_TOP, newAddressSpace } from "../mm/aspace";
import {
  CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID, CLONE_EXIT_SIGNAL, CLONE_PARENT, CLONE_PARENT_SETTID, CLONE_THREAD, CLONE_VFORK,
  CLONE_VM, SIGCHLD, Task, TaskState, ThreadGroup, createTask,
} from "./task";
import { allTasks, makeRunnable, currentTask, exitCurrent, reap, sleepOn, wakeUp, schedule } from "./sched";
import { loadElf } from "./elf";
import { sysenterInit, VSYSCALL_ADDRESS } from "../arch/x86/sysenter";
import { allocPages, Zone } from "../mm/pmm";
import { pageGet, pageRefCount } from "../mm/pageref";
import { info } from "../lib/printk";
import { fpuReloadCurrent, fpuSaveCurrent, fpuResetArea } from "../arch/x86/fpu";
import { SIG_DFL, Sig, SiCode, fatalSignalPending, forgetSharedSignalInfo, killThreads, notifyParent, sendSignal, signalHandler } from "./signal";
import { runExecHooks, runExitHooks, runMmReleaseHooks, runNewProcessHooks } from "./hooks";
import { Errno } from "../syscall/errno";
import { KERNEL_BASE } from "../arch/x86/layout";
import { loadTlsDescriptors } from "../arch/x86/gdt";
import { PAGE_BYTES, NOT_MAPPED, kernelRoot } from "../arch/x86/paging";

/** @linkname enter_user_mode */
declare function enterUserMode(eip: u32, esp: u32): never;

// Auxiliary vector types (include/uapi/linux/auxvec.h).
const AT_NULL: u32 = 0;
const AT_PHDR: u32 = 3;
const AT_PHENT: u32 = 4;
const AT_PHNUM: u32 = 5;
const AT_PAGESZ: u32 = 6;
const AT_ENTRY: u32 = 9;
const AT_UID: u32 = 11;
const AT_EUID: u32 = 12;
const AT_GID: u32 = 13;
const AT_EGID: u32 = 14;
const AT_HWCAP: u32 = 16;
const AT_RANDOM: u32 = 25;
const AT_EXECFN: u32 = 31;
const AT_SYSINFO: u32 = 32;

let vsyscallPage: u32 = 0;

/** Creates the vsyscall page (kept alive by the kernel's own reference) and the fast entry. */
export function vsyscallInit(hasSysenter: boolean): void {
  vsyscallPage = allocPages(0, Zone.Normal);
  if (vsyscallPage === 0) panic("no memory for the vsyscall page");
  pageGet(vsyscallPage);
  const fast = sysenterInit(hasSysenter, vsyscallPage + KERNEL_BASE);
  info(`syscalls: int 0x80${fast ? " and sysenter" : ""} (AT_SYSINFO ${VSYSCALL_ADDRESS})`);
}

/** Maps the vsyscall page into a new address space. */
function mapVsyscall(space: AddressSpace): boolean {
  if (!space.addRegion(VSYSCALL_ADDRESS, VSYSCALL_ADDRESS + PAGE_BYTES, Prot.Read | Prot.Exec, "vsyscall")) return false;
  return space.mapSharedPage(VSYSCALL_ADDRESS, vsyscallPage, Prot.Read | Prot.Exec);
}

/** Where a new process starts in user mode, by task slot. */
const startEip = new Array<u32>(256).fill(0);
const startEsp = new Array<u32>(256).fill(0);


/** Writes bytes into a user address space that is not the current one (through the direct map). */
class StackWriter {
  sp: u32;
  constructor(readonly space: AddressSpace, top: u32) {
    this.sp = top;
  }
  private phys(va: u32): u32 {
    let pa = this.space.translate(va);
    if (pa === NOT_MAPPED) {
      if (this.space.mapZeroPage(va, Prot.Read | Prot.Write) === 0) return 0;
      pa = this.space.translate(va);
    }
    return pa + KERNEL_BASE;
  }
  byte(v: u8): boolean {
    this.sp--;
    const a = this.phys(this.sp);
    if (a === KERNEL_BASE) return false;
    store8(a, v);
    return true;
  }
  word(v: u32): boolean {
    this.sp -= 4;
    const a = this.phys(this.sp);
    if (a === KERNEL_BASE) return false;
    store32(a, v);
    return true;
  }
  /** Pushes a NUL-terminated string; returns its user address or 0. */
  str(s: string): u32 {
    if (!this.byte(0)) return 0;
    for (let i = s.length - 1; i >= 0; i--) if (!this.byte(u8(s.charCodeAt(i)))) return 0;
    return this.sp;
  }
}

/** Total bytes argv and envp strings may take (Linux's ARG_MAX is far larger; this is the stack we reserve). */
export const ARG_BYTES_MAX: u32 = 128 * 1024;

/** The outcome of spawnProcess: the new task, or a negative errno. */
export class SpawnResult {
  constructor(readonly task: Task | null, readonly error: i32) {}
}

function failed(e: i32): SpawnResult {
  return new SpawnResult(null, e);
}

/** A freshly built user image: address space, entry point and initial stack pointer. */
export class UserImage {
  constructor(readonly space: AddressSpace | null, readonly entry: u32, readonly sp: u32, readonly error: i32) {}
}

function imageError(e: i32): UserImage {
  return new UserImage(null, 0, 0, e);
}

/**
 * The bytes of an executable file, wherever the file layer keeps them (kernel address, size), or
 * why there are none; `lasting` when they stay there unchanged for the kernel's lifetime (the
 * initramfs archive), so the loader may page them in on demand. `file` names the file for
 * /proc (one reference, which the image built from it takes over).
 */
export class ExecutableFile {
  constructor(readonly data: u32, readonly size: u32, readonly error: i32, readonly lasting: boolean, readonly file: MappedFile | null) {}
}


/** Where executables come from: a file's bytes by path, or null when there is no such file. */
export type ExecutableLookup = (path: string) => ExecutableFile | null;
let lookupExecutable: ExecutableLookup | null = null;

/** Installs how paths are resolved to executable bytes (the file layer provides it). */
export function setExecutableLookup(lookup: ExecutableLookup): void {
  lookupExecutable = lookup;
}

function findExecutable(path: string): ExecutableFile | null {
  const l = lookupExecutable;
  return l === null ? null : l(path);
}

/**
 * Builds a new address space running `path`: the ELF image, the heap and stack regions, and
 * the initial stack (argc, argv, envp, auxv as Linux lays them out). Errors: -ENOENT, -ENOEXEC,
 * -E2BIG, -ENOMEM.
 */
export function buildUserImage(path: string, argv: string[], envp: string[]): UserImage {
  const found = findExecutable(path);
  if (found === null) return imageError(-Errno.ENOENT);
  const fileError = found.error, fileData = found.data, fileSize = found.size, fileLasting = found.lasting, exe = found.file;
  dispose(found);
  if (fileError !== 0) return imageError(fileError);
  let argBytes: u32 = 0;
  for (const a of argv) argBytes += u32(a.length) + 1;
  for (const e of envp) argBytes += u32(e.length) + 1;
  const tooBig = argBytes > ARG_BYTES_MAX || argv.length + envp.length > 16384;
  const space = tooBig ? null : newAddressSpace();
  if (space === null) {
    if (exe !== null) exe.drop();
    return imageError(tooBig ? -Errno.E2BIG : -Errno.ENOMEM);
  }
  space.setExeFile(exe);
  const img = loadElf(space, fileData, fileSize, fileLasting, exe);
  if (img.error !== 0) {
    const e = img.error;
    dispose(img);
    space.destroy();
    return imageError(e);
  }
  space.brkStart = img.end;
  space.brk = img.end;
  space.addRegion(USER_STACK_TOP - USER_STACK_BYTES, USER_STACK_TOP, Prot.Read | Prot.Write, "stack");
  if (!mapVsyscall(space)) { dispose(img); space.destroy(); return imageError(-Errno.ENOMEM); }
  // The initial stack, from the top: strings, 16 random bytes, then (16-aligned) argc, argv[],
  // NULL, envp[], NULL, auxv pairs, AT_NULL — exactly as Linux lays it out.
  const w = new StackWriter(space, USER_STACK_TOP);
  const execfn = w.str(path);
  const envAddrs: u32[] = [];
  for (let i = envp.length - 1; i >= 0; i--) envAddrs.push(w.str(envp[i]));
  const envStart = w.sp;
  const argAddrs: u32[] = [];
  for (let i = argv.length - 1; i >= 0; i--) argAddrs.push(w.str(argv[i]));
  const argStart = w.sp;
  let seed = u32(Number(rdtsc() & 0xffffffffn));
  for (let i = 0; i < 16; i++) { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; w.byte(u8(seed >>> 24)); }
  const random = w.sp;
  const words = 1 + argv.length + 1 + envp.length + 1 + 2 * 14;
  w.sp = ((w.sp - u32(words) * 4) & ~15) >>> 0;
  w.sp += u32(words) * 4;
  const aux: u32[] = [
    AT_PHDR, img.phdrAddr, AT_PHENT, img.phent, AT_PHNUM, img.phnum, AT_PAGESZ, PAGE_BYTES, AT_ENTRY, img.entry,
    AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_HWCAP, 0, AT_RANDOM, random, AT_EXECFN, execfn,
    AT_SYSINFO, VSYSCALL_ADDRESS, AT_NULL, 0,
  ];
  for (let i = aux.length - 1; i >= 0; i--) w.word(aux[i]);
  w.word(0);
  for (const e of envAddrs) w.word(e);
  w.word(0);
  for (const a of argAddrs) w.word(a);
  const ok = w.word(u32(argv.length)) && execfn !== 0;
  const sp = w.sp, entry = img.entry;
  dispose(aux);
  dispose(envAddrs);
  dispose(argAddrs);
  dispose(w);
  dispose(img);
  if (!ok) { space.destroy(); return imageError(-Errno.ENOMEM); }
  space.setInitialStack(argStart, envStart, execfn, sp);
  return new UserImage(space, entry, sp, 0);
}

/**
 * Creates a process running `path` with `argv` and `envp`. Errors: -ENOENT, -ENOEXEC, -E2BIG,
 * -ENOMEM, and -EAGAIN when the process table is full.
 */
export function spawnProcess(path: string, argv: string[], envp: string[], parent: Task | null): SpawnResult {
  const img = buildUserImage(path, argv, envp);
  const space = img.space, entry = img.entry, sp = img.sp, error = img.error;
  dispose(img);
  if (space === null) return failed(error);
  const t = createTask("", userStart, 0, 0, null);
  if (t === null) { space.destroy(); return failed(-Errno.EAGAIN); }
  t.setNameFromPath(path);
  t.group.user = true;
  t.aspace = space;
  t.root = space.root;
  t.parent = parent;
  startEip[t.slot] = entry;
  startEsp[t.slot] = sp;
  allTasks().push(t);
  runNewProcessHooks(t, parent, false);
  makeRunnable(t);
  return new SpawnResult(t, 0);
}

/** First kernel-mode code of a new process: drop to ring 3 at the ELF entry point. */
function userStart(_arg: u32): i32 {
  const t = currentTask();
  enterUserMode(startEip[t.slot], startEsp[t.slot]);
}

/** exit(2): ends the calling thread; a process ends with its last thread, with that thread's `code`. */
export function exitThread(code: i32): never {
  finishThread((code & 0xff) << 8);
}

/** exit_group(2): ends every thread of the calling process, with exit code `code` (wait status code << 8). */
export function exitProcess(code: i32): never {
  startGroupExit(currentTask(), (code & 0xff) << 8);
  finishThread(0);
}

/** Ends the current process as killed by `sig` (wait status = sig): every thread dies. */
export function killCurrent(sig: i32): never {
  startGroupExit(currentTask(), sig & 0x7f);
  finishThread(0);
}

/** Starts ending the whole process of `t` with wait status `status`: the other threads get SIGKILL. A process already ending keeps its status. */
function startGroupExit(t: Task, status: i32): void {
  const g = t.group;
  if (g.exiting) return;
  g.exiting = true;
  g.exitStatus = status;
  killThreads(g, t);
}

/**
 * Lets go of the task's user memory: the release hooks run while it is still mapped (robust
 * futexes, clear_child_tid), a vfork parent is released, and the address space is freed with
 * its last user.
 */
function releaseUserMemory(t: Task): void {
  const space = t.aspace;
  if (space === null) return;
  runMmReleaseHooks(t);
  releaseVforkParent(t);
  const flags = readEflags();
  cli();
  t.aspace = null;
  t.root = kernelRoot();
  writeCr3(kernelRoot());
  space.release();
  if ((flags & 0x200) !== 0) sti();
}

/** The exit code kept for joinTask: the exit status, or 128 + the signal that killed the process. */
function exitCodeOf(waitStatus: i32): i32 {
  return (waitStatus & 0x7f) !== 0 ? 128 + (waitStatus & 0x7f) : (waitStatus >> 8) & 0xff;
}

/**
 * Ends the calling thread with wait status `status`: its user memory and per-task state go. The
 * last thread of a process ends the process — with the group's status when exit_group or a
 * fatal signal ended it, else with its own (as Linux reports it).
 */
function finishThread(status: i32): never {
  const t = currentTask();
  const g = t.group;
  releaseUserMemory(t);
  runExitHooks(t);
  if (!t.isLeader) {
    g.deadUserTicks += t.userTicks;
    g.deadSystemTicks += t.systemTicks;
  }
  if (g.execer !== null) wakeUp(addressOf(g));
  const final = g.exiting ? g.exitStatus : status;
  if (g.threads.length === 1) finishProcess(g, final);
  exitCurrent(exitCodeOf(final));
}

/** The last thread of `g` is exiting: the leader records the status, orphans go to init, the parent is told. */
function finishProcess(g: ThreadGroup, waitStatus: i32): void {
  const leader = g.leader;
  leader.waitStatus = waitStatus;
  leader.exitCode = exitCodeOf(waitStatus);
  leader.jobEvent = 0;
  g.stopped = false;
  g.sharedPending = 0n; // nothing will take them now
  forgetSharedSignalInfo(g);
  // Orphans go to init, which reaps them.
  let init: Task | null = null;
  for (const o of allTasks()) if (o.pid === 1 && o.isLeader) init = o;
  for (const c of allTasks()) {
    if (c.parent === leader) {
      c.parent = init;
      if (c.parentDeathSignal !== 0) sendSignal(c, c.parentDeathSignal, SiCode.User, leader.tgid, 0);
      if (init !== null && c.isLeader && c.state === TaskState.Zombie && c.group.threads.length === 0) wakeUp(addressOf(init));
    }
  }
  const signaled = (waitStatus & 0x7f) !== 0;
  notifyParent(leader, signaled ? SiCode.CldKilled : SiCode.CldExited, signaled ? waitStatus & 0x7f : (waitStatus >> 8) & 0xff);
}

/** Bytes of the register frame an entry from user mode leaves at the top of the kernel stack. */
export const USER_FRAME_BYTES: u32 = 76;
const FRAME_EAX: u32 = 44;
const FRAME_EIP: u32 = 56;
const FRAME_USER_ESP: u32 = 68;

/** @linkname resume_user_frame */
declare function resumeUserFrame(frame: u32): never;

/** The current process's user register frame (valid during a system call or fault from user mode). */
export function userFrame(t: Task): u32 {
  return t.kstackTop - USER_FRAME_BYTES;
}

function forkedChildStart(_arg: u32): i32 {
  resumeUserFrame(userFrame(currentTask()));
}

/** fork(2): clone with nothing shared and SIGCHLD as the exit signal. */
export function forkProcess(parent: Task): SpawnResult {
  return cloneTask(parent, u32(SIGCHLD), 0, -1, 0n, 0, 0);
}

/**
 * Stores the word `v` at user address `va` of `space` (which need not be the current one)
 * through the direct map, serving the pages first as a write fault would — demand-zero, the
 * page of a shared mapping, or a private copy of a page shared copy-on-write; false when the
 * bytes are not writable memory of `space`.
 */
function storeUserWord(space: AddressSpace, va: u32, v: u32): boolean {
  if (va > USER_END - 4) return false;
  for (let i: u32 = 0; i < 4; i++) {
    const a = va + i;
    const r = space.regionAt(a);
    if (r === null || (r.prot & Prot.Write) === 0) return false;
    let pa = space.translate(a);
    if (pa === NOT_MAPPED) {
      if (!space.handleFault(a, true, false)) return false;
    } else if (pageRefCount((pa & ~(PAGE_BYTES - 1)) >>> 0) > 1) {
      if (!space.handleFault(a, true, true)) return false;
    }
    pa = space.translate(a);
    store8(pa + KERNEL_BASE, u8((v >>> (i * 8)) & 0xff));
  }
  return true;
}

/**
 * clone: a new task resuming the caller's registers (0 in eax) on `stack` (0: the caller's
 * stack pointer). `flags` say what it shares with the caller — CLONE_VM the address space,
 * CLONE_FILES/CLONE_FS files and working directory, CLONE_SIGHAND dispositions, CLONE_THREAD the
 * process itself — and carry its exit signal; `tlsIndex` ≥ 0 puts `tlsDescriptor` in that TLS
 * slot (CLONE_SETTLS). The child's tid goes to `parentTid` in the caller's memory and to
 * `childTid` in the child's (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID; a bad address is ignored,
 * as on Linux); CLONE_CHILD_CLEARTID records `childTid` for the thread's exit. With CLONE_VFORK
 * the caller waits until the child execs or exits. The flags must already be consistent.
 * Returns the child, or -ENOMEM, -EAGAIN (task table full), -EINTR (the caller's process is ending).
 */
export function cloneTask(parent: Task, flags: u32, stack: u32, tlsIndex: i32, tlsDescriptor: u64, parentTid: u32, childTid: u32): SpawnResult {
  const space = parent.aspace;
  if (space === null) return failed(-Errno.EINVAL);
  const g = parent.group;
  if (g.exiting) return failed(-Errno.EINTR);
  const thread = (flags & CLONE_THREAD) !== 0;
  const shareVm = (flags & CLONE_VM) !== 0;
  const childSpace = shareVm ? space : space.fork();
  if (childSpace === null) return failed(-Errno.ENOMEM);
  const t = createTask("", forkedChildStart, 0, USER_FRAME_BYTES, thread ? g : null);
  if (t === null) {
    if (!shareVm) childSpace.destroy();
    return failed(-Errno.EAGAIN);
  }
  t.copyNameFrom(parent);
  if (shareVm) childSpace.acquire();
  memmove(userFrame(t), userFrame(parent), USER_FRAME_BYTES);
  fpuSaveCurrent(t.fpuArea); // the child starts with the parent's FPU/SSE registers
  store32(userFrame(t) + FRAME_EAX, 0);
  if (stack !== 0) store32(userFrame(t) + FRAME_USER_ESP, stack);
  t.aspace = childSpace;
  t.root = childSpace.root;
  t.cloneFlags = flags;
  const leader = g.leader;
  if (thread || (flags & CLONE_PARENT) !== 0) {
    // Threads and CLONE_PARENT children are the caller's siblings: its parent hears of them.
    t.parent = leader.parent;
    t.exitSignal = thread ? 0 : leader.exitSignal;
  } else {
    t.parent = leader;
    t.exitSignal = i32(flags & CLONE_EXIT_SIGNAL);
  }
  if (!thread) {
    t.group.user = true;
    t.group.pgid = g.pgid;
    t.group.sid = g.sid;
  }
  t.nice = parent.nice;
  t.tls0 = tlsIndex === 0 ? tlsDescriptor : parent.tls0;
  t.tls1 = tlsIndex === 1 ? tlsDescriptor : parent.tls1;
  t.tls2 = tlsIndex === 2 ? tlsDescriptor : parent.tls2;
  t.clearChildTid = (flags & CLONE_CHILD_CLEARTID) !== 0 ? childTid : 0;
  if ((flags & CLONE_PARENT_SETTID) !== 0) storeUserWord(space, parentTid, u32(t.pid));
  if ((flags & CLONE_CHILD_SETTID) !== 0) storeUserWord(childSpace, childTid, u32(t.pid));
  allTasks().push(t);
  runNewProcessHooks(t, parent, true);
  makeRunnable(t);
  if ((flags & CLONE_VFORK) !== 0) waitForVforkChild(parent, t);
  return new SpawnResult(t, 0);
}

/** vfork: the parent sleeps until the child execs or exits (only SIGKILL ends the wait early). */
function waitForVforkChild(parent: Task, child: Task): void {
  parent.vforkChild = child;
  child.vforkParent = parent;
  const flags = readEflags();
  cli();
  while (parent.vforkChild !== null && !fatalSignalPending(parent)) sleepOn(addressOf(parent) + 2);
  if (parent.vforkChild !== null) {
    child.vforkParent = null;
    parent.vforkChild = null;
  }
  if ((flags & 0x200) !== 0) sti();
}

/** A vfork child lets go of the borrowed memory (exec or exit): its parent carries on. */
function releaseVforkParent(t: Task): void {
  const p = t.vforkParent;
  if (p === null) return;
  t.vforkParent = null;
  p.vforkChild = null;
  wakeUp(addressOf(p) + 2);
}

/**
 * execve in a process with other threads: they are killed and waited for, and a caller that is
 * not the leader takes the leader's place and the process's pid (Linux's de_thread). -EINTR when
 * the process is already ending, or the caller is killed meanwhile.
 */
function endOtherThreads(t: Task): i32 {
  const g = t.group;
  if (g.exiting) return -Errno.EINTR;
  g.exiting = true;
  g.exitStatus = Sig.KILL; // the status should the caller be killed while it waits
  g.execer = t;
  killThreads(g, t);
  const flags = readEflags();
  cli();
  while (g.threads.length > 1 && !fatalSignalPending(t)) sleepOn(addressOf(g));
  g.execer = null;
  const alone = g.threads.length === 1;
  if (alone) {
    g.exiting = false;
    if (!t.isLeader) becomeLeader(t);
  }
  if ((flags & 0x200) !== 0) sti();
  return alone ? 0 : -Errno.EINTR;
}

/** Thread `t` takes over from its group's exited leader: the pid, the parent, the children; the old leader is released. */
function becomeLeader(t: Task): void {
  const g = t.group;
  const old = g.leader;
  const tid = t.pid;
  t.pid = old.pid;
  old.pid = tid;
  g.leader = t;
  t.parent = old.parent;
  t.exitSignal = old.exitSignal;
  t.childUserTicks += old.childUserTicks;
  t.childSystemTicks += old.childSystemTicks;
  g.deadUserTicks += old.userTicks;
  g.deadSystemTicks += old.systemTicks;
  for (const c of allTasks()) if (c.parent === old) c.parent = t;
  reap(old);
}

/**
 * execve for the current process: replaces its address space with a new image of `path` and
 * points its user frame at the new entry and stack; the other threads end first. The old image
 * is let go only on success.
 */
export function execCurrent(path: string, argv: string[], envp: string[]): i32 {
  const img = buildUserImage(path, argv, envp);
  const space = img.space, entry = img.entry, sp = img.sp, error = img.error;
  dispose(img);
  if (space === null) return error;
  const t = currentTask();
  if (t.group.threads.length > 1 || !t.isLeader) {
    const r = endOtherThreads(t);
    if (r !== 0) {
      space.destroy();
      return r;
    }
  }
  runMmReleaseHooks(t);
  releaseVforkParent(t);
  const old = t.aspace;
  cli();
  t.aspace = space;
  t.root = space.root;
  writeCr3(space.root);
  sti();
  if (old !== null) old.release();
  const f = userFrame(t);
  for (let off: u32 = 16; off < 48; off += 4) store32(f + off, 0); // edi … eax
  store32(f, 0); // gs and fs: the old image's TLS selectors mean nothing now
  store32(f + 4, 0);
  store32(f + FRAME_EIP, entry);
  store32(f + FRAME_USER_ESP, sp);
  t.setNameFromPath(path);
  runExecHooks(t);
  t.tls0 = 0n;
  t.tls1 = 0n;
  t.tls2 = 0n;
  t.clearChildTid = 0;
  t.robustList = 0;
  loadTlsDescriptors(0n, 0n, 0n);
  fpuResetArea(t.fpuArea);
  fpuReloadCurrent();
  return 0;
}

/** The outcome of waiting for a child: its pid and wait status, 0 (WNOHANG, none ready) or -errno. */
export class WaitResult {
  constructor(readonly pid: i32, readonly status: i32) {}
}

/** wait4 options. */
export const WNOHANG: u32 = 1;
export const WUNTRACED: u32 = 2;
export const WCONTINUED: u32 = 8;
export const WNOWAIT: u32 = 0x01000000;
/** Wait for clone children (an exit signal other than SIGCHLD) only; for every child; (accepted) only this thread's. */
export const WCLONE: u32 = 0x80000000;
export const WALL: u32 = 0x40000000;
export const WNOTHREAD: u32 = 0x20000000;

/** Internal restart codes: never seen by user programs (the delivery code turns them into a restart or -EINTR). */
export const ERESTARTSYS: i32 = 512;
export const ERESTARTNOINTR: i32 = 513;
export const ERESTARTNOHAND: i32 = 514;
export const ERESTART_RESTARTBLOCK: i32 = 516;

/**
 * wait4 semantics: waits for a child process matching `pid` (-1 any, >0 that one, 0 same
 * process group, < -1 that group) — a child of any thread of the caller's process; threads are
 * never waited for — to exit, or with WUNTRACED/WCONTINUED to stop or continue, and reaps an
 * exited one (unless WNOWAIT). Children with an exit signal other than SIGCHLD are seen only
 * with __WCLONE (then only they) or __WALL. -ECHILD when there is no such child; -ERESTARTSYS
 * when a signal arrives while waiting.
 */
export function waitChild(pid: i32, options: u32): WaitResult {
  const me = currentTask();
  const self = me.group.leader;
  for (;;) {
    let found = false;
    for (const t of allTasks()) {
      if (t.parent !== self || !t.isLeader) continue;
      const matches = pid === -1 || (pid > 0 && t.pid === pid) || (pid === 0 && t.pgid === me.pgid) || (pid < -1 && t.pgid === -pid);
      if (!matches) continue;
      if ((options & WALL) === 0 && (t.exitSignal !== SIGCHLD) !== ((options & WCLONE) !== 0)) continue;
      found = true;
      if (t.state === TaskState.Zombie && t.group.threads.length === 0) {
        const status = t.waitStatus;
        const id = t.pid;
        if ((options & WNOWAIT) !== 0) return new WaitResult(id, status);
        self.childUserTicks += t.userTicks + t.group.deadUserTicks + t.childUserTicks;
        self.childSystemTicks += t.systemTicks + t.group.deadSystemTicks + t.childSystemTicks;
        reap(t);
        return new WaitResult(id, status);
      }
      const ev = t.jobEvent;
      const stopped = ev !== 0 && ev !== 0xffff;
      if ((stopped && (options & WUNTRACED) !== 0) || (ev === 0xffff && (options & WCONTINUED) !== 0)) {
        if ((options & WNOWAIT) === 0) t.jobEvent = 0;
        return new WaitResult(t.pid, ev);
      }
    }
    if (!found) return new WaitResult(-Errno.ECHILD, 0);
    if ((options & WNOHANG) !== 0) return new WaitResult(0, 0);
    if (me.hasDeliverableSignal()) return new WaitResult(-ERESTARTSYS, 0);
    sleepOn(addressOf(self));
  }
}

/**
 * The process that `pid` names — the id of any of its threads names it, as for kill(2) — while
 * it has a thread left (its task with that id; null otherwise, and for kernel threads).
 */
export function processById(pid: i32): Task | null {
  for (const t of allTasks()) if (t.pid === pid && t.group.user && t.group.threads.length !== 0) return t;
  return null;
}

/** The user thread whose tid is `tid`, while it has not exited; null otherwise. */
export function threadById(tid: i32): Task | null {
  for (const t of allTasks()) if (t.pid === tid && t.group.user && t.state !== TaskState.Zombie) return t;
  return null;
}

/**
 * kill(2) for one process: sends `sig` from the current process to the process of `target`.
 * 0 checks only that the target exists. Init takes only the signals it has handlers for (-EPERM
 * otherwise); kernel threads take none.
 */
export function signalProcess(target: Task, sig: i32): i32 {
  if (sig < 0 || sig > 64) return -Errno.EINVAL;
  if (!target.group.user) return -Errno.EPERM;
  if (sig === 0) return 0;
  if (target.tgid === 1 && (sig === Sig.KILL || sig === Sig.STOP || signalHandler(target, sig) === SIG_DFL)) return -Errno.EPERM;
  const me = currentTask();
  sendSignal(target, sig, SiCode.User, me.group.user ? me.tgid : 0, 0);
  return 0;
}

/**
 * Stops the current thread for job control. A stop signal's default action (`sig`) stops the
 * whole process: the other threads stop on their way back to user mode and the parent is told
 * (SIGCHLD with CLD_STOPPED, wait4 with WUNTRACED); `sig` 0 joins a stop already under way. The
 * thread sleeps until SIGCONT or SIGKILL makes it runnable again.
 */
export function stopCurrent(sig: i32): void {
  const flags = readEflags();
  cli();
  const t = currentTask();
  const g = t.group;
  if (sig !== 0 && !g.stopped) {
    g.stopped = true;
    g.leader.jobEvent = (sig << 8) | 0x7f;
    for (const o of g.threads) {
      if (o === t) continue;
      o.stopPending = true;
      if (o.state === TaskState.Blocked) makeRunnable(o);
    }
    notifyParent(g.leader, SiCode.CldStopped, sig);
  }
  t.stopPending = false;
  if (g.stopped) {
    t.state = TaskState.Stopped;
    schedule();
  }
  if ((flags & 0x200) !== 0) sti();
}
