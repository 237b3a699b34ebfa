/**
 * Resource system calls of the Linux i386 ABI: resource limits (getrlimit, ugetrlimit,
 * setrlimit, prlimit64), usage (getrusage) and process attributes (prctl: the name, the
 * parent-death signal, dumpability). Limits are per process, inherited by fork and kept by
 * execve; RLIMIT_NOFILE and RLIMIT_NPROC report the kernel's real ceilings.
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser } from "./uaccess";
import { allTasks, currentTask } from "../proc/sched";
import { MAX_TASKS, Task } from "../proc/task";
import { addProcessHooks } from "../proc/hooks";

/** Resources (include/uapi/asm-generic/resource.h). */
const RLIM_NLIMITS: i32 = 16;
const RLIMIT_STACK: i32 = 3;
const RLIMIT_NPROC: i32 = 6;
const RLIMIT_NOFILE: i32 = 7;
/** RLIM64_INFINITY. */
const INFINITY: u64 = 0xffffffffffffffffn;
/** The descriptors a process may have open (the file table's size). */
const OPEN_MAX: u64 = 256n;
/** The default stack limit (8 MiB, as Linux). */
const STACK_DEFAULT: u64 = 8n * 1024n * 1024n;

const soft = new Array<u64>(MAX_TASKS * RLIM_NLIMITS).fill(0n);
const hard = new Array<u64>(MAX_TASKS * RLIM_NLIMITS).fill(0n);
const dumpable = new Array<boolean>(MAX_TASKS).fill(true);

/** Scratch for rlimits and rusage. */
const scratch = scratchRegion(80);

function defaultLimit(r: i32): u64 {
  if (r === RLIMIT_STACK) return STACK_DEFAULT;
  if (r === RLIMIT_NOFILE) return OPEN_MAX;
  if (r === RLIMIT_NPROC) return u64(MAX_TASKS);
  return INFINITY;
}

function onNew(child: Task, parent: Task | null, _isFork: boolean): void {
  for (let r = 0; r < RLIM_NLIMITS; r++) {
    const i = child.slot * RLIM_NLIMITS + r;
    if (parent !== null) {
      soft[i] = soft[parent.slot * RLIM_NLIMITS + r];
      hard[i] = hard[parent.slot * RLIM_NLIMITS + r];
    } else {
      soft[i] = defaultLimit(r);
      hard[i] = defaultLimit(r) === STACK_DEFAULT ? INFINITY : defaultLimit(r);
    }
  }
  dumpable[child.slot] = true;
}

function onExit(_t: Task): void {}

function findProcess(pid: i32): Task | null {
  if (pid === 0) return currentTask();
  for (const t of allTasks()) if (t.pid === pid && t.aspace !== null) return t;
  return null;
}

/**
 * prlimit64 semantics for `t`: reports the old limits (64-bit pairs) at `old` and installs the
 * pair at `next` (kernel addresses, 0 for none). A soft limit above the hard one is -EINVAL;
 * raising the hard limit is allowed (every process runs as root).
 */
function exchangeLimit(t: Task, r: i32, next: u32, old: u32): i32 {
  if (r < 0 || r >= RLIM_NLIMITS) return -Errno.EINVAL;
  const i = t.slot * RLIM_NLIMITS + r;
  if (old !== 0) {
    store64(old, soft[i]);
    store64(old + 8, hard[i]);
  }
  if (next !== 0) {
    const s = u64(load64(next)), h = u64(load64(next + 8));
    if (s > h) return -Errno.EINVAL;
    if (r === RLIMIT_NOFILE && h > OPEN_MAX) return -Errno.EPERM; // the file table cannot grow
    soft[i] = s;
    hard[i] = h;
  }
  return 0;
}

function sysPrlimit64(pid: u32, resource: u32, newLimit: u32, oldLimit: u32, _e: u32, _f: u32): i32 {
  const t = findProcess(i32(pid));
  if (t === null) return -Errno.ESRCH;
  if (newLimit !== 0 && copyFromUser(scratch, newLimit, 16) !== 0) return -Errno.EFAULT;
  const r = exchangeLimit(t, i32(resource), newLimit !== 0 ? scratch : 0, oldLimit !== 0 ? scratch + 16 : 0);
  if (r !== 0) return r;
  if (oldLimit !== 0 && copyToUser(oldLimit, scratch + 16, 16) !== 0) return -Errno.EFAULT;
  return 0;
}

/** Clamps a 64-bit limit to the 32-bit `struct rlimit`: infinity is ~0 (ugetrlimit) or 0x7fffffff (old getrlimit). */
function limit32(v: u64, infinity: u32): u32 {
  return v >= 0xffffffffn ? infinity : u32(Number(v));
}

function getLimit32(resource: u32, addr: u32, infinity: u32): i32 {
  const r = exchangeLimit(currentTask(), i32(resource), 0, scratch + 16);
  if (r !== 0) return r;
  store32(scratch, limit32(u64(load64(scratch + 16)), infinity));
  store32(scratch + 4, limit32(u64(load64(scratch + 24)), infinity));
  return copyToUser(addr, scratch, 8) === 0 ? 0 : -Errno.EFAULT;
}

function sysUgetrlimit(resource: u32, addr: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return getLimit32(resource, addr, 0xffffffff);
}

function sysGetrlimit(resource: u32, addr: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return getLimit32(resource, addr, 0x7fffffff);
}

function sysSetrlimit(resource: u32, addr: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (copyFromUser(scratch, addr, 8) !== 0) return -Errno.EFAULT;
  const s = load32(scratch), h = load32(scratch + 4);
  store64(scratch + 32, s === 0xffffffff ? INFINITY : u64(s));
  store64(scratch + 40, h === 0xffffffff ? INFINITY : u64(h));
  return exchangeLimit(currentTask(), i32(resource), scratch + 32, 0);
}

/** Writes ticks (1 ms each) as a struct timeval. */
function putTimeval(at: u32, ticks: u64): void {
  store32(at, u32(Number(ticks / 1000n)));
  store32(at + 4, u32(Number((ticks % 1000n) * 1000n)));
}

/** getrusage: RUSAGE_SELF (0), RUSAGE_CHILDREN (-1), RUSAGE_THREAD (1); user and system time. */
function sysGetrusage(who: u32, addr: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const w = i32(who);
  if (w !== 0 && w !== -1 && w !== 1) return -Errno.EINVAL;
  const t = currentTask();
  memset(scratch, 0, 72);
  putTimeval(scratch, w === -1 ? t.childUserTicks : t.userTicks);
  putTimeval(scratch + 8, w === -1 ? t.childSystemTicks : t.systemTicks);
  return copyToUser(addr, scratch, 72) === 0 ? 0 : -Errno.EFAULT;
}

const PR_SET_PDEATHSIG: u32 = 1;
const PR_GET_PDEATHSIG: u32 = 2;
const PR_GET_DUMPABLE: u32 = 3;
const PR_SET_DUMPABLE: u32 = 4;
const PR_SET_NAME: u32 = 15;
const PR_GET_NAME: u32 = 16;
/** Bytes of a task's comm name, NUL included (TASK_COMM_LEN). */
const COMM_LEN: u32 = 16;

function sysPrctl(option: u32, arg2: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  if (option === PR_SET_PDEATHSIG) {
    if (arg2 > 64) return -Errno.EINVAL;
    t.parentDeathSignal = i32(arg2);
    return 0;
  }
  if (option === PR_GET_PDEATHSIG) {
    store32(scratch, u32(t.parentDeathSignal));
    return copyToUser(arg2, scratch, 4) === 0 ? 0 : -Errno.EFAULT;
  }
  if (option === PR_GET_DUMPABLE) return dumpable[t.slot] ? 1 : 0;
  if (option === PR_SET_DUMPABLE) {
    if (arg2 > 1) return -Errno.EINVAL;
    dumpable[t.slot] = arg2 === 1;
    return 0;
  }
  if (option === PR_SET_NAME) {
    if (copyFromUser(scratch, arg2, COMM_LEN) !== 0) return -Errno.EFAULT;
    let n: u32 = 0;
    while (n + 1 < COMM_LEN && load8(scratch + n) !== 0) n++;
    const name = stringFromMemory(scratch, i32(n));
    t.setName(name);
    dispose(name);
    return 0;
  }
  if (option === PR_GET_NAME) {
    memset(scratch, 0, COMM_LEN);
    for (let i = 0; i < t.nameLength(); i++) store8(scratch + u32(i), t.nameByte(i));
    return copyToUser(arg2, scratch, COMM_LEN) === 0 ? 0 : -Errno.EFAULT;
  }
  return -Errno.EINVAL;
}

/** Registers the resource calls and the per-process limit state. */
export function resourceCallsInit(): void {
  addProcessHooks(onNew, onExit);
  registerSyscall(340, sysPrlimit64);
  registerSyscall(191, sysUgetrlimit);
  registerSyscall(76, sysGetrlimit);
  registerSyscall(75, sysSetrlimit);
  registerSyscall(77, sysGetrusage);
  registerSyscall(172, sysPrctl);
}
