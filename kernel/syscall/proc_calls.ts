/**
 * Process system calls: fork, execve, wait4/waitpid, kill, process
 * groups and sessions, identities, sched_yield and getcpu, and the time calls (nanosleep, clock_gettime,
 * gettimeofday, time), uname and sysinfo.
 */
import { registerSyscall } from "./dispatch";
import { bootEpoch, realtimeNs } from "../drivers/wallclock";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser, userRangeOk, userString } from "./uaccess";
import { fail, failure } from "./failure";
import { currentTask, allTasks, yieldCpu, sleepUntil } from "../proc/sched";
import { forkProcess, execCurrent, waitChild, ERESTART_RESTARTBLOCK, WALL, WCLONE, WNOHANG, WNOTHREAD, WUNTRACED, WCONTINUED, WNOWAIT } from "../proc/process";
import { MAX_TASKS, Task } from "../proc/task";
import { signalCallsInit } from "./signal_calls";
import { monotonicNs } from "../drivers/pit";
import { randomBytes } from "../fs/devfs";
import { totalFreePages, zones } from "../mm/pmm";
import { loadAverages } from "../proc/cpuload";
import { FSHIFT } from "../lib/loadavg";
import { tmpfsPagesInUse } from "../fs/tmpfs";
import { UTS_DOMAINNAME, UTS_MACHINE, UTS_NODENAME, UTS_RELEASE, UTS_SYSNAME, UTS_VERSION } from "../lib/uts";

/** Scratch for user copies (uname, sysinfo, times, timespecs, argument arrays). */
const scratch = scratchRegion(400);

/** Linux's limit on one argument or environment string, NUL included (MAX_ARG_STRLEN: 32 pages). */
const MAX_ARG_STRLEN: u32 = 32 * 4096;

/**
 * The strings of a NULL-terminated user array (argv, envp), freed with freeStrings; null on
 * error (failure(): -EFAULT, -E2BIG).
 */
function readStringArray(addr: u32, max: i32): string[] | null {
  const out: string[] = [];
  if (addr === 0) return out;
  for (let i = 0; i < max; i++) {
    if (copyFromUser(scratch, addr + u32(i) * 4, 4) !== 0) return failedArray(out, -Errno.EFAULT);
    const p = load32(scratch);
    if (p === 0) return out;
    const v = userString(p, MAX_ARG_STRLEN - 1);
    if (v === null) return failedArray(out, failure());
    out.push(v);
  }
  return failedArray(out, -Errno.E2BIG);
}

/** Frees the strings read so far and fails with `error`. */
function failedArray(read: string[], error: i32): string[] | null {
  freeStrings(read);
  return fail(error);
}

/** Frees an array of strings this call made, and the array. */
function freeStrings(values: string[]): void {
  for (const v of values) dispose(v);
  dispose(values);
}


function sysFork(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const r = forkProcess(currentTask());
  const t = r.task, error = r.error;
  dispose(r);
  return t === null ? error : t.pid;
}

function sysExecve(path: u32, argv: u32, envp: u32, _d: u32, _e: u32, _f: u32): i32 {
  const name = userString(path, 4095);
  if (name === null) return failure() === -Errno.E2BIG ? -Errno.ENAMETOOLONG : failure();
  const args = readStringArray(argv, 16384);
  if (args === null) { dispose(name); return failure(); }
  const env = readStringArray(envp, 16384);
  if (env === null) { freeStrings(args); dispose(name); return failure(); }
  // Everything read here is the kernel's own copy: execCurrent copies it onto the new stack.
  const r = execCurrent(name, args, env);
  freeStrings(args);
  freeStrings(env);
  dispose(name);
  return r;
}

/** wait4's __WNOTHREAD, __WALL and __WCLONE. */
const WAIT_THREAD_FLAGS: u32 = (WNOTHREAD | WALL | WCLONE) >>> 0;

function sysWait4(pid: u32, status: u32, options: u32, rusage: u32, _e: u32, _f: u32): i32 {
  if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT | WAIT_THREAD_FLAGS)) !== 0) return -Errno.EINVAL;
  if (status !== 0 && !userRangeOk(status, 4)) return -Errno.EFAULT;
  const w = waitChild(i32(pid), options);
  const found = w.pid, st = w.status;
  dispose(w);
  if (found <= 0) return found;
  if (status !== 0) {
    store32(scratch, u32(st));
    if (copyToUser(status, scratch, 4) !== 0) return -Errno.EFAULT;
  }
  if (rusage !== 0) {
    memset(scratch, 0, 72);
    if (copyToUser(rusage, scratch, 72) !== 0) return -Errno.EFAULT;
  }
  return found;
}

function sysWaitpid(pid: u32, status: u32, options: u32, _d: u32, _e: u32, _f: u32): i32 {
  return sysWait4(pid, status, options, 0, 0, 0);
}

function findTask(pid: i32): Task | null {
  for (const t of allTasks()) if (t.pid === pid && t.aspace !== null) return t;
  return null;
}

function sysSetpgid(pid: u32, pgid: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const me = currentTask();
  const t = pid === 0 ? me : findTask(i32(pid));
  if (t === null) return -Errno.ESRCH;
  if (t !== me && t.parent !== me) return -Errno.ESRCH;
  const g = pgid === 0 ? t.pid : i32(pgid);
  if (g < 0) return -Errno.EINVAL;
  t.pgid = g;
  return 0;
}

function sysGetpgid(pid: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = pid === 0 ? currentTask() : findTask(i32(pid));
  return t === null ? -Errno.ESRCH : t.pgid;
}

function sysGetpgrp(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return currentTask().pgid;
}

function sysSetsid(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const me = currentTask();
  for (const t of allTasks()) if (t !== me && t.pgid === me.pid) return -Errno.EPERM;
  me.sid = me.pid;
  me.pgid = me.pid;
  return me.pid;
}

function sysGetsid(pid: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = pid === 0 ? currentTask() : findTask(i32(pid));
  return t === null ? -Errno.ESRCH : t.sid;
}

function sysZero(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return 0;
}

function sysYield(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  yieldCpu();
  return 0;
}

/**
 * getcpu(cpu, node, cache): the CPU and NUMA node the caller runs on, each written where its
 * pointer is not null (one CPU, one node: both 0); the third argument is ignored, as on Linux.
 */
function sysGetcpu(cpu: u32, node: u32, _cache: u32, _d: u32, _e: u32, _f: u32): i32 {
  store32(scratch, 0);
  if (cpu !== 0 && copyToUser(cpu, scratch, 4) !== 0) return -Errno.EFAULT;
  if (node !== 0 && copyToUser(node, scratch, 4) !== 0) return -Errno.EFAULT;
  return 0;
}

/** Whether an interrupted sleep's `rem` takes 64-bit fields (the *_time64 calls), by task slot. */
const restartWide = new Array<boolean>(MAX_TASKS).fill(false);

/** Writes `ns` as a timespec at kernel address `at`: 32-bit fields, or 64-bit ones when `wide`. */
function putTimespec(at: u32, ns: u64, wide: boolean): u32 {
  const sec = ns / 1000000000n, nsec = ns % 1000000000n;
  if (!wide) {
    store32(at, u32(Number(sec & 0xffffffffn)));
    store32(at + 4, u32(Number(nsec)));
    return 8;
  }
  store64(at, sec);
  store64(at + 8, nsec);
  return 16;
}

/** Reads a user timespec (32- or 64-bit fields) as nanoseconds; -EFAULT/-EINVAL as a negative i64. */
function timespecFromUser(addr: u32, wide: boolean): i64 {
  if (copyFromUser(scratch, addr, wide ? 16 : 8) !== 0) return -i64(Errno.EFAULT);
  const sec: i64 = wide ? i64(load64(scratch)) : i64(i32(load32(scratch)));
  const nsec: i64 = wide ? i64(i32(load32(scratch + 8))) : i64(i32(load32(scratch + 4)));
  if (sec < 0n || nsec < 0n || nsec >= 1000000000n) return -i64(Errno.EINVAL);
  if (sec > 0x7fffffffn) return 0x7fffffffn * 1000000000n; // far enough: about 68 years
  return sec * 1000000000n + nsec;
}

/**
 * Sleeps until `deadline`; when a signal interrupts, writes the time left to `rem` and returns
 * -ERESTART_RESTARTBLOCK, so the call continues through restart_syscall unless a handler runs.
 */
function sleepToDeadline(deadline: u64, rem: u32, wide: boolean): i32 {
  if (sleepUntil(deadline, monotonicNs)) return 0;
  if (rem !== 0) {
    const now = monotonicNs();
    copyToUser(rem, scratch, putTimespec(scratch, deadline > now ? deadline - now : 0n, wide));
  }
  const t = currentTask();
  t.restartDeadlineNs = deadline;
  t.restartRemaining = rem;
  restartWide[t.slot] = wide;
  t.restartFn = restartSleep;
  return -ERESTART_RESTARTBLOCK;
}

/** restart_syscall for an interrupted sleep: the rest of it, to the same deadline. */
function restartSleep(): i32 {
  const t = currentTask();
  return sleepToDeadline(t.restartDeadlineNs, t.restartRemaining, restartWide[t.slot]);
}

function sysNanosleep(req: u32, rem: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const ns = timespecFromUser(req, false);
  if (ns < 0n) return i32(Number(ns));
  return sleepToDeadline(monotonicNs() + u64(ns), rem, false);
}

/** restart_syscall (0): continues an interrupted sleep or futex wait with the time it had left. */
function sysRestartSyscall(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  const fn = t.restartFn;
  t.restartFn = null;
  return fn === null ? -Errno.EINTR : fn();
}

const TIMER_ABSTIME: u32 = 1;

/** clock_nanosleep: relative, or absolute (TIMER_ABSTIME, no `rem`) on CLOCK_REALTIME, MONOTONIC or BOOTTIME. */
function clockNanosleep(clock: u32, flags: u32, req: u32, rem: u32, wide: boolean): i32 {
  if (clock !== 0 && clock !== 1 && clock !== 7) return -Errno.EINVAL;
  const ns = timespecFromUser(req, wide);
  if (ns < 0n) return i32(Number(ns));
  if ((flags & TIMER_ABSTIME) === 0) return sleepToDeadline(monotonicNs() + u64(ns), rem, wide);
  // An absolute time: on the realtime clock, move it onto the monotonic one.
  const boot = bootEpoch() * 1000000000n;
  const target: u64 = clock === 0 ? (u64(ns) > boot ? u64(ns) - boot : 0n) : u64(ns);
  return sleepToDeadline(target, 0, wide);
}

function sysClockNanosleep(clock: u32, flags: u32, req: u32, rem: u32, _e: u32, _f: u32): i32 {
  return clockNanosleep(clock, flags, req, rem, false);
}

function sysClockNanosleepTime64(clock: u32, flags: u32, req: u32, rem: u32, _e: u32, _f: u32): i32 {
  return clockNanosleep(clock, flags, req, rem, true);
}

function writeTimespec(addr: u32, ns: u64, micro: boolean): i32 {
  store32(scratch, u32(Number(ns / 1000000000n)));
  store32(scratch + 4, u32(Number(micro ? (ns % 1000000000n) / 1000n : ns % 1000000000n)));
  return copyToUser(addr, scratch, 8) === 0 ? 0 : -Errno.EFAULT;
}

/** The time of `clock` in ns, or -1 for an unknown clock. */
function clockNs(clock: u32): i64 {
  // CLOCK_REALTIME 0, MONOTONIC 1, PROCESS/THREAD_CPUTIME 2/3, MONOTONIC_RAW 4, *_COARSE 5/6, BOOTTIME 7
  if (clock === 0 || clock === 5) return i64(realtimeNs());
  if (clock === 1 || clock === 4 || clock === 6 || clock === 7) return i64(monotonicNs());
  if (clock === 2 || clock === 3) {
    const t = currentTask();
    return i64((t.userTicks + t.systemTicks) * 1000000n); // one tick is 1 ms
  }
  return -1n;
}

function clockGettime(clock: u32, ts: u32, wide: boolean): i32 {
  const ns = clockNs(clock);
  if (ns < 0n) return -Errno.EINVAL;
  return copyToUser(ts, scratch, putTimespec(scratch, u64(ns), wide)) === 0 ? 0 : -Errno.EFAULT;
}

function sysClockGettime(clock: u32, ts: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return clockGettime(clock, ts, false);
}

function sysClockGettime64(clock: u32, ts: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return clockGettime(clock, ts, true);
}

/** clock_getres: every clock counts in nanoseconds except the tick-based CPU-time ones (1 ms). */
function clockGetres(clock: u32, res: u32, wide: boolean): i32 {
  if (clockNs(clock) < 0n) return -Errno.EINVAL;
  if (res === 0) return 0;
  return copyToUser(res, scratch, putTimespec(scratch, clock === 2 || clock === 3 ? 1000000n : 1n, wide)) === 0 ? 0 : -Errno.EFAULT;
}

function sysClockGetres(clock: u32, res: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return clockGetres(clock, res, false);
}

function sysClockGetresTime64(clock: u32, res: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return clockGetres(clock, res, true);
}

function sysGettimeofday(tv: u32, _tz: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return tv === 0 ? 0 : writeTimespec(tv, realtimeNs(), true);
}

function sysTime(tloc: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const secs = u32(Number(realtimeNs() / 1000000000n));
  if (tloc !== 0) {
    store32(scratch, secs);
    if (copyToUser(tloc, scratch, 4) !== 0) return -Errno.EFAULT;
  }
  return i32(secs);
}

function putField(off: u32, text: string): void {
  for (let i = 0; i < text.length && i < 64; i++) store8(scratch + off + u32(i), u8(text.charCodeAt(i)));
}

function sysUname(addr: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  memset(scratch, 0, 390);
  putField(0, UTS_SYSNAME);
  putField(65, UTS_NODENAME);
  putField(130, UTS_RELEASE);
  putField(195, UTS_VERSION);
  putField(260, UTS_MACHINE);
  putField(325, UTS_DOMAINNAME);
  return copyToUser(addr, scratch, 390) === 0 ? 0 : -Errno.EFAULT;
}

/** Fraction bits of sysinfo's load averages. */
const SI_LOAD_SHIFT: u32 = 16;

function sysSysinfo(addr: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  memset(scratch, 0, 64);
  store32(scratch, u32(Number(monotonicNs() / 1000000000n)));
  const loads = loadAverages();
  for (let i = 0; i < 3; i++) store32(scratch + 4 + u32(i) * 4, loads[i] << (SI_LOAD_SHIFT - FSHIFT)); // loads[3]
  let total: u32 = 0;
  for (const z of zones()) total += z.managedPages;
  store32(scratch + 16, total); // totalram (in mem_unit units)
  store32(scratch + 20, totalFreePages()); // freeram
  store32(scratch + 24, tmpfsPagesInUse()); // sharedram
  store16(scratch + 40, u16(allTasks().length)); // procs
  store32(scratch + 52, 4096); // mem_unit
  return copyToUser(addr, scratch, 64) === 0 ? 0 : -Errno.EFAULT;
}

/** Registers the process and time system calls. */
export function procCallsInit(): void {
  registerSyscall(2, sysFork);
  registerSyscall(11, sysExecve);
  registerSyscall(114, sysWait4);
  registerSyscall(7, sysWaitpid);
  registerSyscall(57, sysSetpgid);
  registerSyscall(132, sysGetpgid);
  registerSyscall(65, sysGetpgrp);
  registerSyscall(66, sysSetsid);
  registerSyscall(147, sysGetsid);
  for (const nr of [24, 47, 49, 50, 199, 200, 201, 202]) registerSyscall(u32(nr), sysZero); // uid/gid: root
  registerSyscall(158, sysYield);
  registerSyscall(318, sysGetcpu);
  registerSyscall(162, sysNanosleep);
  registerSyscall(0, sysRestartSyscall);
  registerSyscall(265, sysClockGettime);
  registerSyscall(403, sysClockGettime64);
  registerSyscall(266, sysClockGetres);
  registerSyscall(406, sysClockGetresTime64);
  registerSyscall(267, sysClockNanosleep);
  registerSyscall(407, sysClockNanosleepTime64);
  registerSyscall(78, sysGettimeofday);
  registerSyscall(13, sysTime);
  registerSyscall(122, sysUname);
  registerSyscall(116, sysSysinfo);
  registerSyscall(355, sysGetrandom);
  registerSyscall(43, sysTimes);
  signalCallsInit();
}

function sysGetrandom(buf: u32, len: u32, flags: u32, _d: u32, _e: u32, _f: u32): i32 {
  if ((flags & ~7) !== 0) return -Errno.EINVAL;
  let done: u32 = 0;
  while (done < len) {
    const n = len - done < 256 ? len - done : 256;
    randomBytes(scratch, n);
    if (copyToUser(buf + done, scratch, n) !== 0) return done > 0 ? i32(done) : -Errno.EFAULT;
    done += n;
  }
  return i32(len);
}

/** Clock ticks per second of times(2) (Linux's USER_HZ). */
const USER_HZ: u64 = 100n;
const TICKS_PER_USER_HZ: u64 = 10n; // the kernel ticks at 1000 Hz

function sysTimes(buf: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  if (buf !== 0) {
    store32(scratch, u32(Number(t.userTicks / TICKS_PER_USER_HZ)));
    store32(scratch + 4, u32(Number(t.systemTicks / TICKS_PER_USER_HZ)));
    store32(scratch + 8, u32(Number(t.childUserTicks / TICKS_PER_USER_HZ)));
    store32(scratch + 12, u32(Number(t.childSystemTicks / TICKS_PER_USER_HZ)));
    if (copyToUser(buf, scratch, 16) !== 0) return -Errno.EFAULT;
  }
  return i32(u32(Number((monotonicNs() / (1000000000n / USER_HZ)) & 0x7fffffffn)));
}

