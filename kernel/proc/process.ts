/**
 * User processes: creating one from an executable in the initramfs (address space, ELF image,
 * initial stack laid out as Linux does: argc, argv, envp, auxiliary vector), entering ring 3,
 * and tearing it down at exit.
 */
import { AddressSpace, Prot, USER_STACK_BYTES, USER_STACK_TOP, newAddressSpace } from "../mm/aspace";
import { Task, createTask } from "./task";
import { allTasks, makeRunnable, currentTask, exitCurrent } from "./sched";
import { loadElf } from "./elf";
import { runExitHooks, runNewProcessHooks } from "./hooks";
import { Errno } from "../syscall/errno";
import { KERNEL_BASE } from "../arch/x86/layout";
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

/** The bytes of an executable file, wherever the file layer keeps them (kernel address, size). */
export class ExecutableFile {
  constructor(readonly data: u32, readonly size: u32) {}
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
  // The initial stack, from the top: strings, 16 random bytes, then (16-aligned) argc, argv[],
  // NULL, envp[], NULL, auxv pairs, AT_NULL — exactly as Linux lays it out.
  const w = new StackWriter(space, USER_STACK_TOP);
  const execfn = w.str(path);
  const envAddrs: u32[] = [];
  for (let i = envp.length - 1; i >= 0; i--) envAddrs.push(w.str(envp[i]));
  const argAddrs: u32[] = [];
  for (let i = argv.length - 1; i >= 0; i--) argAddrs.push(w.str(argv[i]));
  let seed = u32(Number(rdtsc() & 0xffffffffn));
  for (let i = 0; i < 16; i++) { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; w.byte(u8(seed >>> 24)); }
  const random = w.sp;
  const words = 1 + argv.length + 1 + envp.length + 1 + 2 * 13;
  w.sp = ((w.sp - u32(words) * 4) & ~15) >>> 0;
  w.sp += u32(words) * 4;
  const aux: u32[] = [
    AT_PHDR, img.phdrAddr, AT_PHENT, img.phent, AT_PHNUM, img.phnum, AT_PAGESZ, PAGE_BYTES, AT_ENTRY, img.entry,
    AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_HWCAP, 0, AT_RANDOM, random, AT_EXECFN, execfn, AT_NULL, 0,
  ];
  for (let i = aux.length - 1; i >= 0; i--) w.word(aux[i]);
  w.word(0);
  for (const e of envAddrs) w.word(e);
  w.word(0);
  for (const a of argAddrs) w.word(a);
  if (!w.word(u32(argv.length)) || execfn === 0) { space.destroy(); return imageError(-Errno.ENOMEM); }
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
  const t = createTask(path, userStart, 0);
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

/** Ends the current process: frees its address space, then exits the task. */
export function exitProcess(code: i32): never {
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
  exitCurrent(code);
}
