/**
 * futex (240) and futex_time64 (422) with Linux's operations: FUTEX_WAIT (relative timeout),
 * FUTEX_WAIT_BITSET (absolute timeout, CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME,
 * CLOCK_REALTIME), FUTEX_WAKE, FUTEX_WAKE_BITSET, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE and
 * FUTEX_WAKE_OP; FUTEX_PRIVATE_FLAG chooses a private key (this process) over a shared one
 * (the physical page). A wait interrupted by a signal restarts as Linux does: FUTEX_WAIT
 * through restart_syscall with its absolute deadline (-EINTR once a handler ran), the others
 * with -ERESTARTSYS. The priority-inheritance operations are not provided (-ENOSYS).
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser, userRangeOk } from "./uaccess";
import { currentTask } from "../proc/sched";
import { MAX_TASKS, Task } from "../proc/task";
import { ERESTARTSYS, ERESTART_RESTARTBLOCK } from "../proc/process";
import { FUTEX_BITSET_MATCH_ANY, futexRequeue, futexWait, futexWake, privateFutexKey, sharedFutexKey } from "../proc/futex";
import { monotonicNs } from "../drivers/pit";
import { realtimeNs } from "../drivers/wallclock";

const FUTEX_WAIT: u32 = 0;
const FUTEX_WAKE: u32 = 1;
const FUTEX_REQUEUE: u32 = 3;
const FUTEX_CMP_REQUEUE: u32 = 4;
const FUTEX_WAKE_OP: u32 = 5;
const FUTEX_WAIT_BITSET: u32 = 9;
const FUTEX_WAKE_BITSET: u32 = 10;
const FUTEX_PRIVATE_FLAG: u32 = 128;
const FUTEX_CLOCK_REALTIME: u32 = 256;

/** Scratch for futex words and timespecs. */
const scratch = scratchRegion(16);

/** Reads the futex word at `uaddr` into the scratch buffer; false on a fault. */
function readWord(uaddr: u32): boolean {
  return copyFromUser(scratch, uaddr, 4) === 0;
}

/**
 * The key of the futex word at `uaddr`: private, or shared — then the word is read first, so
 * that its page is present (the scratch buffer keeps it). 0n when a shared word cannot be read.
 */
function keyOf(uaddr: u32, shared: boolean): u64 {
  const space = currentTask().aspace;
  if (space === null) return 0n;
  if (!shared) return privateFutexKey(space, uaddr);
  return readWord(uaddr) ? sharedFutexKey(space, uaddr) : 0n;
}

/**
 * A user timespec (32- or 64-bit fields) as nanoseconds; -EFAULT or -EINVAL as a negative
 * value. Seconds beyond 2^31 are capped (about 68 years: never reached).
 */
function timeoutFromUser(addr: u32, wide: boolean): i64 {
  if (copyFromUser(scratch, addr, wide ? 16 : 8) !== 0) return -i64(Errno.EFAULT);
  const sec: i64 = wide ? i64(load64(scratch)) : i64(i32(load32(scratch)));
  const nsec: i64 = wide ? i64(i32(load32(scratch + 8))) : i64(i32(load32(scratch + 4)));
  if (sec < 0n || nsec < 0n || nsec >= 1000000000n) return -i64(Errno.EINVAL);
  if (sec > 0x7fffffffn) return 0x7fffffffn * 1000000000n;
  return sec * 1000000000n + nsec;
}

// What restart_syscall needs to resume an interrupted wait, by task slot (the absolute
// deadline is the task's restartDeadlineNs).
const restartAddr = new Array<u32>(MAX_TASKS).fill(0);
const restartValue = new Array<u32>(MAX_TASKS).fill(0);
const restartShared = new Array<boolean>(MAX_TASKS).fill(false);
const restartBitset = new Array<u32>(MAX_TASKS).fill(0);

/**
 * Waits on the word at `uaddr` while it holds `value`: -EAGAIN when it does not, -EFAULT when it
 * cannot be read. A wait with a deadline that a signal interrupts continues through
 * restart_syscall with that deadline (or fails with -EINTR when a handler ran); one without a
 * deadline returns -ERESTARTSYS (restarted, or -EINTR after a handler without SA_RESTART).
 */
function waitOn(uaddr: u32, value: u32, shared: boolean, bitset: u32, deadlineNs: u64): i32 {
  if (!readWord(uaddr)) return -Errno.EFAULT;
  if (load32(scratch) !== value) return -Errno.EAGAIN;
  const k = keyOf(uaddr, shared);
  if (k === 0n) return -Errno.EFAULT;
  const r = futexWait(k, bitset, deadlineNs);
  if (r !== -ERESTARTSYS || deadlineNs === 0n) return r;
  const t = currentTask();
  t.restartDeadlineNs = deadlineNs;
  restartAddr[t.slot] = uaddr;
  restartValue[t.slot] = value;
  restartShared[t.slot] = shared;
  restartBitset[t.slot] = bitset;
  t.restartFn = restartWait;
  return -ERESTART_RESTARTBLOCK;
}

/** restart_syscall for an interrupted futex wait: the same wait, with the deadline it had. */
function restartWait(): i32 {
  const t = currentTask();
  return waitOn(restartAddr[t.slot], restartValue[t.slot], restartShared[t.slot], restartBitset[t.slot], t.restartDeadlineNs);
}

/** Applies FUTEX_WAKE_OP's operation (`op`, its argument) to `old`; -1 for an unknown operation. */
function wakeOpResult(op: u32, arg: u32, old: u32): i64 {
  if (op === 0) return i64(arg); // FUTEX_OP_SET
  if (op === 1) return i64(u32(old + arg)); // FUTEX_OP_ADD
  if (op === 2) return i64((old | arg) >>> 0); // FUTEX_OP_OR
  if (op === 3) return i64((old & ~arg) >>> 0); // FUTEX_OP_ANDN
  if (op === 4) return i64((old ^ arg) >>> 0); // FUTEX_OP_XOR
  return -1n;
}

/** FUTEX_WAKE_OP's comparison of the old value with its argument (signed, as Linux compares); -1 when unknown. */
function wakeOpCompare(cmp: u32, old: u32, arg: i32): i32 {
  const a = i32(old);
  if (cmp === 0) return a === arg ? 1 : 0;
  if (cmp === 1) return a !== arg ? 1 : 0;
  if (cmp === 2) return a < arg ? 1 : 0;
  if (cmp === 3) return a <= arg ? 1 : 0;
  if (cmp === 4) return a > arg ? 1 : 0;
  if (cmp === 5) return a >= arg ? 1 : 0;
  return -1;
}

/** The 12-bit signed field of FUTEX_WAKE_OP's encoding that starts at bit `shift`. */
function signed12(v: u32, shift: u32): i32 {
  return ((v >>> shift) << 20) >> 20;
}

/**
 * FUTEX_WAKE_OP: atomically (no other task runs meanwhile) applies the operation encoded in
 * `encoded` to the word at `uaddr2`, wakes up to `n` waiters on `uaddr`, and — when the old
 * value of the word passes the comparison — up to `n2` on `uaddr2`.
 */
function wakeOp(uaddr: u32, uaddr2: u32, shared: boolean, n: i32, n2: i32, encoded: u32): i32 {
  const op = (encoded >>> 28) & 7;
  const cmp = (encoded >>> 24) & 15;
  let arg = u32(signed12(encoded, 12));
  const cmpArg = signed12(encoded, 0);
  if (((encoded >>> 28) & 8) !== 0) arg = u32(1 << (arg & 31)); // FUTEX_OP_OPARG_SHIFT
  if (!readWord(uaddr2)) return -Errno.EFAULT;
  const old = load32(scratch);
  const updated = wakeOpResult(op, arg, old);
  const passes = wakeOpCompare(cmp, old, cmpArg);
  if (updated < 0n || passes < 0) return -Errno.ENOSYS;
  store32(scratch, u32(Number(updated)));
  if (copyToUser(uaddr2, scratch, 4) !== 0) return -Errno.EFAULT;
  const k = keyOf(uaddr, shared);
  const k2 = keyOf(uaddr2, shared);
  if (k === 0n || k2 === 0n) return -Errno.EFAULT;
  let woken = futexWake(k, n, FUTEX_BITSET_MATCH_ANY);
  if (passes === 1) woken += futexWake(k2, n2, FUTEX_BITSET_MATCH_ANY);
  return woken;
}

/** FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (when `check`: the word at `uaddr` must still hold `expected`). */
function requeue(uaddr: u32, uaddr2: u32, shared: boolean, nWake: i32, nMove: i32, check: boolean, expected: u32): i32 {
  if (nWake < 0 || nMove < 0) return -Errno.EINVAL;
  if (check && !readWord(uaddr)) return -Errno.EFAULT;
  if (check && load32(scratch) !== expected) return -Errno.EAGAIN;
  const from = keyOf(uaddr, shared);
  const to = keyOf(uaddr2, shared);
  if (from === 0n || to === 0n) return -Errno.EFAULT;
  return futexRequeue(from, to, nWake, nMove);
}

/** The deadline of a wait's timeout at `timeout` (0: none) on the monotonic clock; a negative errno as a negative value. */
function deadlineOf(timeout: u32, cmd: u32, realtime: boolean, wide: boolean): i64 {
  if (timeout === 0) return 0n;
  const ns = timeoutFromUser(timeout, wide);
  if (ns < 0n) return ns;
  let deadline: u64 = 0n;
  if (cmd === FUTEX_WAIT) {
    deadline = monotonicNs() + u64(ns); // relative
  } else if (realtime) {
    // An absolute CLOCK_REALTIME time, moved onto the monotonic clock (a past one: at once).
    const now = realtimeNs();
    deadline = u64(ns) > now ? monotonicNs() + (u64(ns) - now) : monotonicNs();
  } else {
    deadline = u64(ns); // absolute CLOCK_MONOTONIC
  }
  return deadline === 0n ? 1n : i64(deadline); // 0 would mean "no deadline"
}

/** Both futex calls: `timeout` is a timespec (32- or 64-bit: `wide`) or, for the requeues and WAKE_OP, a count. */
function futex(uaddr: u32, op: u32, val: u32, timeout: u32, uaddr2: u32, val3: u32, wide: boolean): i32 {
  const cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  const shared = (op & FUTEX_PRIVATE_FLAG) === 0;
  const realtime = (op & FUTEX_CLOCK_REALTIME) !== 0;
  const wait = cmd === FUTEX_WAIT || cmd === FUTEX_WAIT_BITSET;
  if (realtime && !wait) return -Errno.ENOSYS;
  const deadline = wait ? deadlineOf(timeout, cmd, realtime, wide) : 0n;
  if (deadline < 0n) return i32(Number(deadline));
  if ((uaddr & 3) !== 0) return -Errno.EINVAL;
  if (!userRangeOk(uaddr, 4)) return -Errno.EFAULT;
  // Linux wakes at least one waiter whatever the count (a wake of 0 or less wakes one).
  const n = i32(val) < 1 ? 1 : i32(val);
  if (cmd === FUTEX_WAIT) return waitOn(uaddr, val, shared, FUTEX_BITSET_MATCH_ANY, u64(deadline));
  if (cmd === FUTEX_WAIT_BITSET) return val3 === 0 ? -Errno.EINVAL : waitOn(uaddr, val, shared, val3, u64(deadline));
  if (cmd === FUTEX_WAKE || cmd === FUTEX_WAKE_BITSET) {
    const bitset = cmd === FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3;
    if (bitset === 0) return -Errno.EINVAL;
    const k = keyOf(uaddr, shared);
    return k === 0n ? -Errno.EFAULT : futexWake(k, n, bitset);
  }
  if (cmd !== FUTEX_REQUEUE && cmd !== FUTEX_CMP_REQUEUE && cmd !== FUTEX_WAKE_OP) return -Errno.ENOSYS;
  if ((uaddr2 & 3) !== 0) return -Errno.EINVAL;
  if (!userRangeOk(uaddr2, 4)) return -Errno.EFAULT;
  if (cmd === FUTEX_WAKE_OP) return wakeOp(uaddr, uaddr2, shared, n, i32(timeout) < 1 ? 1 : i32(timeout), val3);
  return requeue(uaddr, uaddr2, shared, i32(val), i32(timeout), cmd === FUTEX_CMP_REQUEUE, val3);
}

function sysFutex(uaddr: u32, op: u32, val: u32, timeout: u32, uaddr2: u32, val3: u32): i32 {
  return futex(uaddr, op, val, timeout, uaddr2, val3, false);
}

function sysFutexTime64(uaddr: u32, op: u32, val: u32, timeout: u32, uaddr2: u32, val3: u32): i32 {
  return futex(uaddr, op, val, timeout, uaddr2, val3, true);
}

/** Registers futex and futex_time64. */
export function futexCallsInit(): void {
  registerSyscall(240, sysFutex);
  registerSyscall(422, sysFutexTime64);
}
