/**
 * Futex wait queues: tasks sleeping on a 32-bit word of user memory until another task wakes
 * that word. A private futex (FUTEX_PRIVATE_FLAG: the threads of one process) is keyed by the
 * address space and the address; a shared one by the physical page and the offset in it, so
 * that every mapping of the page meets there — and a waiter follows its page when copy-on-write
 * gives its address space a private copy. Both fit one u64 — (base << 32) | offset — without
 * ambiguity: a private base is the kernel address of the address space (at or above
 * KERNEL_BASE), a shared base a physical page of the direct map (below it).
 *
 * Waiters queue in arrival order in one list threaded through their task slots; each carries
 * the bitset a wake must meet (FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET). A queued task sleeps on a
 * channel of its own, so a requeue moves it by changing its key alone.
 */
import { AddressSpace, setPageCopiedHook } from "../mm/aspace";
import { NOT_MAPPED, PAGE_BYTES } from "../arch/x86/paging";
import { MAX_TASKS, Task } from "./task";
import { currentTask, sleepOnUntil, wakeTask } from "./sched";
import { ERESTARTSYS } from "./process";
import { monotonicNs } from "../drivers/pit";
import { Errno } from "../syscall/errno";

/** A wake that meets every waiter's bitset. */
export const FUTEX_BITSET_MATCH_ANY: u32 = 0xffffffff;

// The queue: key, bitset and links of each waiting task, by slot (-1: no link).
const keys = new Array<u64>(MAX_TASKS).fill(0n);
const bitsets = new Array<u32>(MAX_TASKS).fill(0);
const queued = new Array<boolean>(MAX_TASKS).fill(false);
const waiters = new Array<Task | null>(MAX_TASKS).fill(null);
const nextOf = new Array<i32>(MAX_TASKS).fill(-1);
const prevOf = new Array<i32>(MAX_TASKS).fill(-1);
let head = -1;
let tail = -1;
let waiting = 0;

/** The channel a task in futexWait sleeps on. */
function channelOf(t: Task): u32 {
  return addressOf(t) + 3;
}

function key(base: u32, offset: u32): u64 {
  return (u64(base) << 32n) | u64(offset);
}

/** The private key of the word at `uaddr` in `space`. */
export function privateFutexKey(space: AddressSpace, uaddr: u32): u64 {
  return key(addressOf(space), uaddr);
}

/** The shared key of the word at `uaddr` in `space`: its physical page and offset; 0n when the page is not present. */
export function sharedFutexKey(space: AddressSpace, uaddr: u32): u64 {
  const pa = space.translate(uaddr);
  if (pa === NOT_MAPPED) return 0n;
  return key((pa & ~(PAGE_BYTES - 1)) >>> 0, uaddr & (PAGE_BYTES - 1));
}

function enqueue(t: Task, k: u64, bitset: u32): void {
  const s = t.slot;
  keys[s] = k;
  bitsets[s] = bitset;
  waiters[s] = t;
  queued[s] = true;
  nextOf[s] = -1;
  prevOf[s] = tail;
  if (tail >= 0) nextOf[tail] = s;
  else head = s;
  tail = s;
  waiting++;
}

function unlink(s: i32): void {
  const p = prevOf[s], n = nextOf[s];
  if (p >= 0) nextOf[p] = n;
  else head = n;
  if (n >= 0) prevOf[n] = p;
  else tail = p;
  queued[s] = false;
  waiters[s] = null;
  waiting--;
}

/**
 * Sleeps on the futex `k` until woken (0), until the monotonic clock reaches `deadlineNs`
 * (0: never; -ETIMEDOUT), or until a signal is pending (-ERESTARTSYS). The caller has checked
 * the futex word; nothing can wake the word between that check and the sleep, since the
 * kernel does not switch tasks inside a system call unless it sleeps.
 */
export function futexWait(k: u64, bitset: u32, deadlineNs: u64): i32 {
  const t = currentTask();
  const flags = readEflags();
  cli();
  enqueue(t, k, bitset);
  let r = 0;
  while (queued[t.slot]) {
    if (t.hasDeliverableSignal()) {
      r = -ERESTARTSYS;
      break;
    }
    if (!sleepOnUntil(channelOf(t), deadlineNs, monotonicNs) && queued[t.slot]) {
      r = -Errno.ETIMEDOUT;
      break;
    }
  }
  if (queued[t.slot]) unlink(t.slot);
  if ((flags & 0x200) !== 0) sti();
  return r;
}

/** Wakes up to `n` waiters on `k` whose bitset meets `bitset`, oldest first; returns how many. */
export function futexWake(k: u64, n: i32, bitset: u32): i32 {
  let woken = 0;
  let s = head;
  while (s >= 0 && woken < n) {
    const next = nextOf[s];
    if (keys[s] === k && (bitsets[s] & bitset) !== 0) {
      const t = waiters[s]!;
      unlink(s);
      wakeTask(t, channelOf(t));
      woken++;
    }
    s = next;
  }
  return woken;
}

/**
 * Wakes up to `nWake` waiters on `from`, then moves up to `nMove` more of them to `to`
 * (FUTEX_REQUEUE); returns how many were woken and moved.
 */
export function futexRequeue(from: u64, to: u64, nWake: i32, nMove: i32): i32 {
  const woken = futexWake(from, nWake, FUTEX_BITSET_MATCH_ANY);
  let moved = 0;
  for (let s = head; s >= 0 && moved < nMove; s = nextOf[s]) {
    if (keys[s] === from) {
      keys[s] = to;
      moved++;
    }
  }
  return woken + moved;
}

/** Copy-on-write gave `space` its own copy of a page: its shared waiters on the old page move to the copy. */
function followCopiedPage(space: AddressSpace, _va: u32, oldPage: u32, newPage: u32): void {
  if (waiting === 0) return;
  for (let s = head; s >= 0; s = nextOf[s]) {
    const w = waiters[s];
    const k = keys[s];
    if (w !== null && w.aspace === space && u32(Number(k >> 32n)) === oldPage) keys[s] = key(newPage, u32(Number(k & 0xfffn)));
  }
}

/** Installs the copy-on-write observer that keeps shared waiters with their memory. */
export function futexInit(): void {
  setPageCopiedHook(followCopiedPage);
}
