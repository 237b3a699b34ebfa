/**
 * /proc/<pid>: one directory per task, with `stat`, `status`, `cmdline`, `comm` and `maps`
 * (procfs/maps.ts) in the formats of Linux's proc(5), and the `exe` link. Every read looks the
 * task up by pid again (pids are never reused here), so a file opened before its process was
 * reaped reads -ESRCH instead of stale data. A zombie still has its directory (state Z, no
 * memory, empty command line and maps), as on Linux.
 */
import { Errno } from "../../syscall/errno";
import { Task, TaskState } from "../../proc/task";
import { allTasks } from "../../proc/sched";
import { SIG_DFL, SIG_IGN, signalHandler, NSIG } from "../../proc/signal";
import { AddressSpace, Prot } from "../../mm/aspace";
import { PAGE_BYTES, NOT_MAPPED } from "../../arch/x86/paging";
import { KERNEL_BASE } from "../../arch/x86/layout";
import { TICK_HZ } from "../../drivers/pit";
import { Dentry, Inode, S_IFDIR, S_IFLNK, SuperBlock, directoryOps, linkInode, linkOps } from "../vfs";
import { NamedFile } from "../mapname";
import { MAX_FDS, fdTableOf, umaskOf } from "../fdtable";
import { ProcFile, ProcGenerator } from "./file";
import { ProcText } from "./text";
import { putMaps } from "./maps";
import { putDentryPath } from "./dpath";

/** Clock ticks per second of /proc's time fields (Linux's USER_HZ). */
const USER_HZ: u32 = 100;

/** Timer ticks as clock ticks (USER_HZ). */
export function clockTicks(ticks: u64): u64 {
  return ticks / u64(Math.trunc(TICK_HZ / USER_HZ));
}

/** Most bytes of a command name (Linux's TASK_COMM_LEN less the NUL). */
/** Linux's PF_EXITING and PF_KTHREAD task flags. */
const PF_EXITING: u32 = 0x4;
const PF_KTHREAD: u32 = 0x00200000;
/** RLIM_INFINITY as an i386 unsigned long: /proc's rsslim (there are no resource limits here). */
const RLIM_INFINITY: u32 = 0xffffffff;
const SIGCHLD = 17;

/** The task with pid `pid` (zombies included; pid 0, the idle task, has no directory). */
export function findProcess(pid: i32): Task | null {
  if (pid <= 0) return null;
  for (const t of allTasks()) if (t.pid === pid) return t;
  return null;
}

/** Writes the command name (at most 15 bytes); `escape` as status does it. */
function putComm(out: ProcText, t: Task, escape: boolean): void {
  const n = t.nameLength();
  for (let i = 0; i < n; i++) {
    const c = t.nameByte(i);
    if (escape && (c === 92 || c === 10 || c === 9)) {
      out.byte(92);
      out.byte(c === 92 ? 92 : c === 10 ? 110 : 116);
    } else {
      out.byte(u8(c));
    }
  }
}

/** The one-letter state of proc(5). */
function stateLetter(t: Task): string {
  const s = t.state;
  if (s === TaskState.Runnable || s === TaskState.Running) return "R";
  if (s === TaskState.Zombie) return "Z";
  if (s === TaskState.Stopped) return "T";
  return "S";
}

/** The state as status shows it. */
function stateName(t: Task): string {
  const l = stateLetter(t);
  if (l === "R") return "R (running)";
  if (l === "Z") return "Z (zombie)";
  if (l === "T") return "T (stopped)";
  return "S (sleeping)";
}

function parentPid(t: Task): i32 {
  const p = t.parent;
  return p === null ? 0 : p.pid;
}

/** Bytes of user address space covered by the regions called `name` ("": all of them). */
function regionBytes(space: AddressSpace, name: string): u32 {
  let n: u32 = 0;
  for (const r of space.regions) if (name === "" || r.name === name) n += r.end - r.start;
  return n;
}

/** Pages of the address space that are present (the resident set). */
function residentPages(space: AddressSpace): u32 {
  let n: u32 = 0;
  for (const r of space.regions) {
    for (let va = r.start; va < r.end; va += PAGE_BYTES) if (space.translate(va) !== NOT_MAPPED) n++;
  }
  return n;
}

/** An address range [start, end). */
class Span {
  start: u32 = 0;
  end: u32 = 0;
}
const span = new Span();

/** From the lowest start to the highest end of the ELF image's regions with permission `prot` (code: Exec, data: Write); [0, 0) if none. */
function imageSpan(space: AddressSpace, prot: Prot): Span {
  span.start = 0;
  span.end = 0;
  for (const r of space.regions) {
    if (r.name !== "image" || (r.prot & prot) === 0) continue;
    if (span.end === 0 || r.start < span.start) span.start = r.start;
    if (r.end > span.end) span.end = r.end;
  }
  return span;
}

/** The signals (bit sig-1) whose disposition is SIG_IGN (`ignored`) or a handler. */
function signalsWith(t: Task, ignored: boolean): u64 {
  let m: u64 = 0n;
  for (let sig = 1; sig <= NSIG; sig++) {
    const h = signalHandler(t, sig);
    if (ignored ? h === SIG_IGN : h !== SIG_DFL && h !== SIG_IGN) m |= 1n << u64(sig - 1);
  }
  return m;
}

/** The obsolete decimal signal fields of stat: signals 1 to 31 only (Linux masks with 0x7fffffff). */
function lowSignals(m: u64): u64 {
  return m & 0x7fffffffn;
}

/** /proc/<pid>/stat: the 52 fields of proc(5) on one line; those this kernel does not track are 0. */
function generateStat(out: ProcText, pid: i32): i32 {
  const t = findProcess(pid);
  if (t === null) return -Errno.ESRCH;
  const zombie = t.state === TaskState.Zombie;
  const space = t.aspace;
  const flags = zombie ? PF_EXITING : space === null ? PF_KTHREAD : 0;
  out.text(`${pid} (`);
  putComm(out, t, false);
  // state ppid pgrp session tty_nr tpgid (no controlling terminal: 0, -1) flags minflt cminflt majflt cmajflt
  out.text(`) ${stateLetter(t)} ${parentPid(t)} ${t.pgid} ${t.sid} 0 -1 ${flags} 0 0 0 0 `);
  // utime stime cutime cstime priority nice num_threads itrealvalue starttime
  const start = clockTicks(t.startNs / u64(Math.trunc(1000000000 / TICK_HZ)));
  out.text(`${clockTicks(t.userTicks)} ${clockTicks(t.systemTicks)} ${clockTicks(t.childUserTicks)} ${clockTicks(t.childSystemTicks)} ${20 + t.nice} ${t.nice} ${t.group.threads.length} 0 ${start} `);
  // vsize rss rsslim startcode endcode startstack kstkesp kstkeip
  if (space === null) {
    out.text(`0 0 ${RLIM_INFINITY} 0 0 0 0 0 `);
  } else {
    const code = imageSpan(space, Prot.Exec);
    out.text(`${regionBytes(space, "")} ${residentPages(space)} ${RLIM_INFINITY} ${code.start} ${code.end} ${space.startStack} 0 0 `);
  }
  // signal blocked sigignore sigcatch wchan nswap cnswap exit_signal processor rt_priority policy
  // delayacct_blkio_ticks guest_time cguest_time
  const waiting = t.state !== TaskState.Runnable && t.state !== TaskState.Running ? 1 : 0;
  out.text(`${lowSignals(t.pendingSignals)} ${lowSignals(t.blockedSignals)} ${lowSignals(signalsWith(t, true))} ${lowSignals(signalsWith(t, false))} ${waiting} 0 0 ${SIGCHLD} 0 0 0 0 0 0 `);
  // start_data end_data start_brk arg_start arg_end env_start env_end exit_code
  if (space === null) {
    out.text(`0 0 0 0 0 0 0 ${zombie ? t.waitStatus : 0}\n`);
  } else {
    const data = imageSpan(space, Prot.Write);
    out.text(`${data.start} ${data.end} ${space.brkStart} ${space.argStart} ${space.argEnd} ${space.argEnd} ${space.envEnd} 0\n`);
  }
  return 0;
}

/** One "Label:\t%8lu kB" line of status. */
function putKb(out: ProcText, label: Fmt, bytes: u32): void {
  out.text(label);
  out.decimal(u64(bytes >>> 10), 8, false);
  out.text(" kB\n");
}

/** One "Label:\t%016lx" signal-set line of status. */
function putSignalSet(out: ProcText, label: Fmt, set: u64): void {
  out.text(label);
  out.hex(set, 16);
  out.byte(10);
}

/**
 * /proc/<pid>/status: the human-readable fields of proc(5), in Linux's order (those this kernel
 * has no notion of — capabilities, cpusets, seccomp — left out). Memory lines only for a
 * process with an address space.
 */
function generateStatus(out: ProcText, pid: i32): i32 {
  const t = findProcess(pid);
  if (t === null) return -Errno.ESRCH;
  out.text("Name:\t");
  putComm(out, t, true);
  out.text("\nUmask:\t");
  out.octal(umaskOf(t), 4);
  const fdSize = fdTableOf(t) === null ? 0 : MAX_FDS;
  out.text(`\nState:\t${stateName(t)}\nTgid:\t${t.tgid}\nNgid:\t0\nPid:\t${pid}\nPPid:\t${parentPid(t)}\nTracerPid:\t0\n`);
  out.text(`Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t${fdSize}\nGroups:\t\n`);
  out.text(`NStgid:\t${t.tgid}\nNSpid:\t${pid}\nNSpgid:\t${t.pgid}\nNSsid:\t${t.sid}\n`);
  const space = t.aspace;
  if (space !== null) {
    putKb(out, "VmSize:\t", regionBytes(space, ""));
    putKb(out, "VmRSS:\t", residentPages(space) * PAGE_BYTES);
    putKb(out, "VmStk:\t", regionBytes(space, "stack"));
    const code = imageSpan(space, Prot.Exec);
    putKb(out, "VmExe:\t", code.end - code.start);
  }
  out.text(`Threads:\t${t.group.threads.length}\n`);
  putSignalSet(out, "SigPnd:\t", t.pendingSignals);
  putSignalSet(out, "ShdPnd:\t", t.group.sharedPending);
  putSignalSet(out, "SigBlk:\t", t.blockedSignals);
  putSignalSet(out, "SigIgn:\t", signalsWith(t, true));
  putSignalSet(out, "SigCgt:\t", signalsWith(t, false));
  return 0;
}

/** /proc/<pid>/cmdline: the argument strings, each ending in NUL, read from the process's memory; empty without one. */
function generateCmdline(out: ProcText, pid: i32): i32 {
  const t = findProcess(pid);
  if (t === null) return -Errno.ESRCH;
  const space = t.aspace;
  if (space === null) return 0;
  let va = space.argStart;
  while (va < space.argEnd) {
    const inPage = PAGE_BYTES - (va & (PAGE_BYTES - 1));
    const n = space.argEnd - va < inPage ? space.argEnd - va : inPage;
    const pa = space.translate(va);
    if (pa === NOT_MAPPED) break; // unmapped by the process itself: the command line ends there
    out.bytes(pa + KERNEL_BASE, n);
    va += n;
  }
  return 0;
}

/** /proc/<pid>/comm: the command name and a newline. */
function generateComm(out: ProcText, pid: i32): i32 {
  const t = findProcess(pid);
  if (t === null) return -Errno.ESRCH;
  putComm(out, t, false);
  out.byte(10);
  return 0;
}

/** /proc/<pid>/maps: the process's memory regions (procfs/maps.ts); empty without an address space. */
function generateMaps(out: ProcText, pid: i32): i32 {
  const t = findProcess(pid);
  if (t === null) return -Errno.ESRCH;
  const space = t.aspace;
  if (space !== null) putMaps(out, space);
  return 0;
}

/** Room for the path an exe link reads (PATH_MAX and " (deleted)"). */
const EXE_PATH_BYTES: u32 = 4096 + 16;
/** The text an exe link's path is written into (reads never sleep, and system calls run one at a time). */
const exePath = new Array<u8>(i32(EXE_PATH_BYTES)).fill(0);
const exeText = new ProcText();

/**
 * /proc/<pid>/exe: a symbolic link to the executable the process runs, read afresh each time
 * (Linux's mm->exe_file); none for a kernel thread or a zombie. The target it returns stays
 * valid until the link is read again.
 */
class ExeLink extends Inode {
  private target: string | null = null;

  constructor(sb: SuperBlock, ino: u32, readonly pid: i32) {
    super(sb, ino, S_IFLNK | 0o777, linkOps);
  }

  readLink(): string | null {
    this.forget();
    const t = findProcess(this.pid);
    const space = t === null ? null : t.aspace;
    const exe = space === null ? null : space.exeFile;
    if (exe === null || !(exe instanceof NamedFile)) return null;
    exeText.reset(addressOf(exePath), EXE_PATH_BYTES);
    putDentryPath(exeText, (exe as NamedFile).dentry, false);
    if (exeText.overflow) return null;
    const target = stringFromMemory(addressOf(exePath), i32(exeText.length));
    this.target = target;
    return target;
  }

  /** Frees the target last returned. */
  forget(): void {
    dispose(this.target);
    this.target = null;
  }
}

function addFile(dir: Dentry, name: string, generate: ProcGenerator, pid: i32): void {
  const sb = dir.inode.sb;
  linkInode(dir, name, new ProcFile(sb, sb.allocIno(), generate, pid));
}

/** The inode of a /proc/<pid> directory: alive while its task has not been reaped. */
class PidDirectory extends Inode {
  constructor(sb: SuperBlock, ino: u32, readonly pid: i32) {
    super(sb, ino, S_IFDIR | 0o555, directoryOps);
    this.nlink = 2;
  }

  alive(): boolean {
    return findProcess(this.pid) !== null;
  }
}

/** Frees a pid directory made by makePidDirectory, its files and their inodes (nothing may refer to them). */
export function freePidDirectory(dir: Dentry): void {
  for (const c of dir.children) {
    if (c.inode instanceof ExeLink) (c.inode as ExeLink).forget();
    dispose(c.children);
    dispose(c.inode);
    dispose(c.name);
    dispose(c);
  }
  dispose(dir.children);
  dispose(dir.inode);
  dispose(dir.name);
  dispose(dir);
}

/** Makes the directory of process `pid` in the procfs root `root` (not linked there: the root lists pids itself). */
export function makePidDirectory(root: Dentry, pid: i32): Dentry {
  const sb = root.inode.sb;
  const inode = new PidDirectory(sb, sb.allocIno(), pid);
  const dir = new Dentry(`${pid}`, root, inode);
  addFile(dir, "cmdline", generateCmdline, pid);
  addFile(dir, "comm", generateComm, pid);
  linkInode(dir, "exe", new ExeLink(sb, sb.allocIno(), pid));
  addFile(dir, "maps", generateMaps, pid);
  addFile(dir, "stat", generateStat, pid);
  addFile(dir, "status", generateStatus, pid);
  return dir;
}
