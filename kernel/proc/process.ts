/**
 * User processes: creating one from an executable in the initramfs (address space, ELF image,
 * initial stack laid out as Linux does: argc, argv, envp, auxiliary vector), entering ring 3,
 * and tearing it down at exit.
 */
import { AddressSpace, Prot, USER_STACK_BYTES, USER_STACK_TOP, newAddressSpace } from "../mm/aspace";
import { Task, TaskState, createTask } from "./task";
import { allTasks, makeRunnable, currentTask, exitCurrent, reap, sleepOn, wakeUp, schedule } from "./sched";
import { loadElf } from "./elf";
import { sysenterInit, VSYSCALL_ADDRESS } from "../arch/x86/sysenter";
import { allocPages, Zone } from "../mm/pmm";
import { pageGet } from "../mm/pageref";
import { mapPageIn, PageFlags } from "../arch/x86/paging";
import { info } from "../lib/printk";
import { fpuLoadLive, fpuSaveLive, fpuResetArea } from "../arch/x86/fpu";
import { SIG_DFL, Sig, SiCode, notifyParent, sendSignal, signalHandler } from "./signal";
import { runExecHooks, runExitHooks, runNewProcessHooks } from "./hooks";
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
  if (!mapPageIn(space.root, VSYSCALL_ADDRESS, vsyscallPage, PageFlags.User | PageFlags.Exec)) return false;
  pageGet(vsyscallPage);
  return true;
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

/** The bytes of an executable file, wherever the file layer keeps them (kernel address, size), or why there are none. */
export class ExecutableFile {
  constructor(readonly data: u32, readonly size: u32, readonly error: i32) {}
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
  const file = findExecutable(path);
  if (file === null) return imageError(-Errno.ENOENT);
  if (file.error !== 0) return imageError(file.error);
  let argBytes: u32 = 0;
  for (const a of argv) argBytes += u32(a.length) + 1;
  for (const e of envp) argBytes += u32(e.length) + 1;
  if (argBytes > ARG_BYTES_MAX || argv.length + envp.length > 16384) return imageError(-Errno.E2BIG);
  const space = newAddressSpace();
  if (space === null) return imageError(-Errno.ENOMEM);
  const img = loadElf(space, file.data, file.size);
  if (img.error !== 0) { space.destroy(); return imageError(img.error); }
  space.brkStart = img.end;
  space.brk = img.end;
  space.addRegion(img.end, img.end, Prot.Read | Prot.Write, "heap");
  space.addRegion(USER_STACK_TOP - USER_STACK_BYTES, USER_STACK_TOP, Prot.Read | Prot.Write, "stack");
  if (!mapVsyscall(space)) { space.destroy(); return imageError(-Errno.ENOMEM); }
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
  if (!w.word(u32(argv.length)) || execfn === 0) { space.destroy(); return imageError(-Errno.ENOMEM); }
  space.setInitialStack(argStart, envStart, execfn, w.sp);
  return new UserImage(space, img.entry, w.sp, 0);
}

/**
 * Creates a process running `path` with `argv` and `envp`. Errors: -ENOENT, -ENOEXEC, -E2BIG,
 * -ENOMEM, and -EAGAIN when the process table is full.
 */
export function spawnProcess(path: string, argv: string[], envp: string[], parent: Task | null): SpawnResult {
  const img = buildUserImage(path, argv, envp);
  const space = img.space;
  if (space === null) return failed(img.error);
  const t = createTask(path, userStart, 0, 0);
  if (t === null) { space.destroy(); return failed(-Errno.EAGAIN); }
  t.aspace = space;
  t.root = space.root;
  t.parent = parent;
  startEip[t.slot] = img.entry;
  startEsp[t.slot] = img.sp;
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

/** Ends the current process with exit code `code` (wait status = code << 8). */
export function exitProcess(code: i32): never {
  finishProcess((code & 0xff) << 8, code & 0xff);
}

/** Tears the current process down: hooks, address space, orphans to init, then the task exits. */
function finishProcess(waitStatus: i32, exitCode: i32): never {
  const t = currentTask();
  runExitHooks(t);
  const space = t.aspace;
  if (space !== null) {
    cli();
    t.aspace = null;
    t.root = kernelRoot();
    writeCr3(kernelRoot());
    space.destroy();
  }
  t.waitStatus = waitStatus;
  t.jobEvent = 0;
  // Orphans go to init, which reaps them.
  let init: Task | null = null;
  for (const o of allTasks()) if (o.pid === 1) init = o;
  for (const c of allTasks()) {
    if (c.parent === t) {
      c.parent = init;
      if (c.parentDeathSignal !== 0) sendSignal(c, c.parentDeathSignal, SiCode.User, t.pid, 0);
      if (init !== null && c.state === TaskState.Zombie) wakeUp(addressOf(init));
    }
  }
  const signaled = (waitStatus & 0x7f) !== 0;
  notifyParent(t, signaled ? SiCode.CldKilled : SiCode.CldExited, signaled ? waitStatus & 0x7f : exitCode);
  exitCurrent(exitCode);
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

/**
 * fork: a new process with a copy-on-write copy of the caller's address space and a copy of
 * its registers, returning 0 in the child. Returns the child or a negative errno.
 */
export function forkProcess(parent: Task): SpawnResult {
  const space = parent.aspace;
  if (space === null) return failed(-Errno.EINVAL);
  const childSpace = space.fork();
  if (childSpace === null) return failed(-Errno.ENOMEM);
  const t = createTask(parent.name, forkedChildStart, 0, USER_FRAME_BYTES);
  if (t === null) { childSpace.destroy(); return failed(-Errno.EAGAIN); }
  memmove(userFrame(t), userFrame(parent), USER_FRAME_BYTES);
  fpuSaveLive(t.fpuArea); // the child starts with the parent's FPU/SSE registers
  store32(userFrame(t) + FRAME_EAX, 0);
  t.aspace = childSpace;
  t.root = childSpace.root;
  t.parent = parent;
  t.pgid = parent.pgid;
  t.sid = parent.sid;
  t.nice = parent.nice;
  t.tls0 = parent.tls0;
  t.tls1 = parent.tls1;
  t.tls2 = parent.tls2;
  allTasks().push(t);
  runNewProcessHooks(t, parent, true);
  makeRunnable(t);
  return new SpawnResult(t, 0);
}

/**
 * execve for the current process: replaces its address space with a new image of `path` and
 * points its user frame at the new entry and stack. The old image is freed only on success.
 */
export function execCurrent(path: string, argv: string[], envp: string[]): i32 {
  const img = buildUserImage(path, argv, envp);
  const space = img.space;
  if (space === null) return img.error;
  const t = currentTask();
  const old = t.aspace;
  cli();
  t.aspace = space;
  t.root = space.root;
  writeCr3(space.root);
  sti();
  if (old !== null) old.destroy();
  const f = userFrame(t);
  for (let off: u32 = 16; off < 48; off += 4) store32(f + off, 0); // edi … eax
  store32(f, 0); // gs and fs: the old image's TLS selectors mean nothing now
  store32(f + 4, 0);
  store32(f + FRAME_EIP, img.entry);
  store32(f + FRAME_USER_ESP, img.sp);
  let slash = -1;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) slash = i;
  t.name = path.slice(slash + 1);
  runExecHooks(t);
  t.tls0 = 0n;
  t.tls1 = 0n;
  t.tls2 = 0n;
  t.clearChildTid = 0;
  t.robustList = 0;
  loadTlsDescriptors(0n, 0n, 0n);
  fpuResetArea(t.fpuArea);
  fpuLoadLive(t.fpuArea);
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

/** Internal restart codes: never seen by user programs (the delivery code turns them into a restart or -EINTR). */
export const ERESTARTSYS: i32 = 512;
export const ERESTARTNOINTR: i32 = 513;
export const ERESTARTNOHAND: i32 = 514;
export const ERESTART_RESTARTBLOCK: i32 = 516;

/**
 * wait4 semantics: waits for a child matching `pid` (-1 any, >0 that one, 0 same process group,
 * < -1 that group) to exit — or, with WUNTRACED/WCONTINUED, to stop or continue — and reaps an
 * exited one (unless WNOWAIT). -ECHILD when there is no such child; -ERESTARTSYS when a signal
 * arrives while waiting.
 */
export function waitChild(pid: i32, options: u32): WaitResult {
  const me = currentTask();
  for (;;) {
    let found = false;
    for (const t of allTasks()) {
      if (t.parent !== me) continue;
      const matches = pid === -1 || (pid > 0 && t.pid === pid) || (pid === 0 && t.pgid === me.pgid) || (pid < -1 && t.pgid === -pid);
      if (!matches) continue;
      found = true;
      if (t.state === TaskState.Zombie) {
        const status = t.waitStatus;
        const id = t.pid;
        if ((options & WNOWAIT) !== 0) return new WaitResult(id, status);
        me.childUserTicks += t.userTicks + t.childUserTicks;
        me.childSystemTicks += t.systemTicks + t.childSystemTicks;
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
    sleepOn(addressOf(me));
  }
}

/**
 * kill(2) for one process: sends `sig` from the current process. 0 checks only that the target
 * exists. Init takes only the signals it has handlers for (-EPERM otherwise); kernel threads
 * take none.
 */
export function signalProcess(target: Task, sig: i32): i32 {
  if (sig < 0 || sig > 64) return -Errno.EINVAL;
  if (target.aspace === null) return -Errno.EPERM;
  if (sig === 0) return 0;
  if (target.pid === 1 && (sig === Sig.KILL || sig === Sig.STOP || signalHandler(target, sig) === SIG_DFL)) return -Errno.EPERM;
  const me = currentTask();
  sendSignal(target, sig, SiCode.User, me.aspace !== null ? me.pid : 0, 0);
  return 0;
}

/**
 * Stops the current process for job control (a stop signal's default action): the parent is
 * told (SIGCHLD with CLD_STOPPED, wait4 with WUNTRACED), and the task sleeps until SIGCONT or
 * SIGKILL makes it runnable again.
 */
export function stopCurrent(sig: i32): void {
  const flags = readEflags();
  cli();
  const t = currentTask();
  t.state = TaskState.Stopped;
  t.jobEvent = (sig << 8) | 0x7f;
  notifyParent(t, SiCode.CldStopped, sig);
  schedule();
  if ((flags & 0x200) !== 0) sti();
}

/** Ends the current process as killed by `sig` (wait status = sig). */
export function killCurrent(sig: i32): never {
  finishProcess(sig & 0x7f, 128 + sig);
}
