/**
 * Threads in the Linux i386 ABI: clone (with the flags glibc's and musl's pthread_create use,
 * fork-like and vfork-like clones too) and vfork; the thread area C libraries set up —
 * set_thread_area/get_thread_area (TLS segments in the GDT slots), set_tid_address and
 * set_robust_list/get_robust_list — and what a thread's exit (or execve) does with them: the
 * robust futexes it still holds are marked FUTEX_OWNER_DIED and a waiter woken, and 0 is stored
 * at the clear_child_tid address and a futex waiter there woken (how pthread_join waits).
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser } from "./uaccess";
import { currentTask } from "../proc/sched";
import {
  CLONE_EXIT_SIGNAL, CLONE_NEW_NAMESPACES, CLONE_NEWNS, CLONE_PARENT, CLONE_PIDFD, CLONE_SETTLS, CLONE_SIGHAND, CLONE_THREAD,
  CLONE_VFORK, CLONE_VM, SIGCHLD, Task,
} from "../proc/task";
import { cloneTask, threadById } from "../proc/process";
import { addMmReleaseHook } from "../proc/hooks";
import { FUTEX_BITSET_MATCH_ANY, futexInit, futexWake, sharedFutexKey } from "../proc/futex";
import { futexCallsInit } from "./futex_calls";
import { GDT_ENTRY_TLS_COUNT, GDT_ENTRY_TLS_MIN, loadTlsDescriptors } from "../arch/x86/gdt";
import { USER_DESC_BYTES, descriptorFromUserDesc, isTlsEntry, userDescFromDescriptor } from "../arch/x86/tls";

/** Scratch for user_desc and the futex word of a thread's exit. */
const scratch = scratchRegion(32);

function tlsSlot(t: Task, i: i32): u64 {
  return i === 0 ? t.tls0 : i === 1 ? t.tls1 : t.tls2;
}

function setTlsSlot(t: Task, i: i32, d: u64): void {
  if (i === 0) t.tls0 = d;
  else if (i === 1) t.tls1 = d;
  else t.tls2 = d;
}

/** set_thread_area: entry_number -1 picks a free slot and reports it back. */
function sysSetThreadArea(ud: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const b = scratch;
  if (copyFromUser(b, ud, USER_DESC_BYTES) !== 0) return -Errno.EFAULT;
  const t = currentTask();
  let index = i32(load32(b));
  if (index === -1) {
    for (let i = 0; i < GDT_ENTRY_TLS_COUNT && index === -1; i++) if (tlsSlot(t, i) === 0n) index = GDT_ENTRY_TLS_MIN + i;
    if (index === -1) return -Errno.ESRCH;
    store32(b + 16, u32(index));
    if (copyToUser(ud, b + 16, 4) !== 0) return -Errno.EFAULT;
  }
  if (!isTlsEntry(index)) return -Errno.EINVAL;
  const d = descriptorFromUserDesc(b);
  if (d < 0n) return -Errno.EINVAL;
  setTlsSlot(t, index - GDT_ENTRY_TLS_MIN, u64(d));
  loadTlsDescriptors(t.tls0, t.tls1, t.tls2);
  return 0;
}

function sysGetThreadArea(ud: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const b = scratch;
  if (copyFromUser(b, ud, 4) !== 0) return -Errno.EFAULT;
  const index = i32(load32(b));
  if (!isTlsEntry(index)) return -Errno.EINVAL;
  userDescFromDescriptor(tlsSlot(currentTask(), index - GDT_ENTRY_TLS_MIN), index, b);
  return copyToUser(ud, b, USER_DESC_BYTES) === 0 ? 0 : -Errno.EFAULT;
}

function sysSetTidAddress(addr: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  t.clearChildTid = addr;
  return t.pid;
}

/** Bytes of struct robust_list_head: the list (a next pointer), futex_offset, list_op_pending. */
const ROBUST_HEAD_BYTES: u32 = 12;

/** set_robust_list: the list head's size must be struct robust_list_head's. */
function sysSetRobustList(head: u32, len: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (len !== ROBUST_HEAD_BYTES) return -Errno.EINVAL;
  const t = currentTask();
  t.robustList = head;
  t.robustListLen = len;
  return 0;
}

/** get_robust_list: the head and size recorded for thread `tid` (0: the caller). */
function sysGetRobustList(tid: u32, headPtr: u32, lenPtr: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = tid === 0 ? currentTask() : threadById(i32(tid));
  if (t === null) return -Errno.ESRCH;
  const b = scratch;
  store32(b, t.robustList);
  store32(b + 4, ROBUST_HEAD_BYTES);
  if (copyToUser(headPtr, b, 4) !== 0 || copyToUser(lenPtr, b + 4, 4) !== 0) return -Errno.EFAULT;
  return 0;
}

/** Clone flags that need what OpenOS lacks (namespaces, pidfds). */
const CLONE_UNSUPPORTED: u32 = CLONE_NEW_NAMESPACES | CLONE_NEWNS | CLONE_PIDFD;

/**
 * clone(flags, newsp, parent_tidptr, tls, child_tidptr) — the i386 argument order. The flags
 * must be consistent as Linux requires (CLONE_THREAD needs CLONE_SIGHAND, which needs CLONE_VM);
 * CLONE_SETTLS takes a struct user_desc naming one of the TLS slots. Returns the child's tid.
 */
function sysClone(flags: u32, stack: u32, parentTid: u32, tls: u32, childTid: u32, _f: u32): i32 {
  if ((flags & CLONE_UNSUPPORTED) !== 0) return -Errno.EINVAL;
  if ((flags & CLONE_THREAD) !== 0 && (flags & CLONE_SIGHAND) === 0) return -Errno.EINVAL;
  if ((flags & CLONE_SIGHAND) !== 0 && (flags & CLONE_VM) === 0) return -Errno.EINVAL;
  if ((flags & CLONE_EXIT_SIGNAL) > 64) return -Errno.EINVAL;
  const me = currentTask();
  if ((flags & CLONE_PARENT) !== 0 && me.tgid === 1) return -Errno.EINVAL; // init has no parent to share
  let slot = -1;
  let descriptor: u64 = 0n;
  if ((flags & CLONE_SETTLS) !== 0) {
    const b = scratch;
    if (copyFromUser(b, tls, USER_DESC_BYTES) !== 0) return -Errno.EFAULT;
    const index = i32(load32(b));
    if (!isTlsEntry(index)) return -Errno.EINVAL;
    const d = descriptorFromUserDesc(b);
    if (d < 0n) return -Errno.EINVAL;
    slot = index - GDT_ENTRY_TLS_MIN;
    descriptor = u64(d);
  }
  const r = cloneTask(me, flags, stack, slot, descriptor, parentTid, childTid);
  const child = r.task, error = r.error;
  dispose(r);
  return child === null ? error : child.pid;
}

/** vfork: the child borrows the caller's memory, and the caller waits until it execs or exits. */
function sysVfork(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const r = cloneTask(currentTask(), CLONE_VM | CLONE_VFORK | u32(SIGCHLD), 0, -1, 0n, 0, 0);
  const child = r.task, error = r.error;
  dispose(r);
  return child === null ? error : child.pid;
}

const FUTEX_WAITERS: u32 = 0x80000000;
const FUTEX_OWNER_DIED: u32 = 0x40000000;
const FUTEX_TID_MASK: u32 = 0x3fffffff;
/** How many robust-list entries a dying thread follows at most (a cyclic list must not hang it). */
const ROBUST_LIST_LIMIT: i32 = 2048;

/** Reads a user word into the scratch buffer's first word; false on a fault. */
function readWord(addr: u32): boolean {
  return copyFromUser(scratch, addr, 4) === 0;
}

/**
 * A robust futex of dying thread `t` at `uaddr` (Linux's handle_futex_death): if `t` owns it,
 * it is marked FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and one waiter is woken; a lock that
 * was being released (`pending`, value 0) also wakes one, so that it is not lost.
 */
function futexOwnerDied(t: Task, uaddr: u32, pi: boolean, pending: boolean): void {
  const space = t.aspace;
  if (space === null || (uaddr & 3) !== 0 || !readWord(uaddr)) return;
  const b = scratch;
  const value = load32(b);
  if (pending && !pi && value === 0) {
    futexWake(sharedFutexKey(space, uaddr), 1, FUTEX_BITSET_MATCH_ANY);
    return;
  }
  if ((value & FUTEX_TID_MASK) !== u32(t.pid)) return;
  store32(b, ((value & FUTEX_WAITERS) | FUTEX_OWNER_DIED) >>> 0);
  if (copyToUser(uaddr, b, 4) !== 0) return;
  if (!pi && (value & FUTEX_WAITERS) !== 0) futexWake(sharedFutexKey(space, uaddr), 1, FUTEX_BITSET_MATCH_ANY);
}

/**
 * Walks the robust list of a thread that lets go of its memory (bounded, every read fault-safe):
 * each entry's futex word sits futex_offset bytes past the entry; the low bit of a pointer marks
 * a priority-inheritance futex. The entry being added or removed (list_op_pending) comes last.
 */
function exitRobustList(t: Task): void {
  const head = t.robustList;
  t.robustList = 0;
  if (head === 0) return;
  const b = scratch;
  if (copyFromUser(b, head, ROBUST_HEAD_BYTES) !== 0) return;
  let entry = load32(b);
  const offset = load32(b + 4);
  const pending = load32(b + 8);
  const pendingEntry = (pending & ~1) >>> 0;
  for (let n = 0; n < ROBUST_LIST_LIMIT && (entry & ~1) >>> 0 !== head; n++) {
    const at = (entry & ~1) >>> 0;
    const ok = readWord(at);
    const next = load32(b);
    if (at !== pendingEntry) futexOwnerDied(t, u32(at + offset), (entry & 1) !== 0, false);
    if (!ok) return;
    entry = next;
  }
  if (pendingEntry !== 0) futexOwnerDied(t, u32(pendingEntry + offset), (pending & 1) !== 0, true);
}

/**
 * A task lets go of its user memory (thread exit, execve): its robust futexes are released, and
 * when others still use the memory, 0 goes to its clear_child_tid word and one futex waiter there
 * is woken — with a shared wake, as Linux does, which pthread_join waits for.
 */
function releaseThreadMemory(t: Task): void {
  exitRobustList(t);
  const addr = t.clearChildTid;
  t.clearChildTid = 0;
  const space = t.aspace;
  if (addr === 0 || space === null || space.users <= 1) return;
  store32(scratch, 0);
  if (copyToUser(addr, scratch, 4) === 0) futexWake(sharedFutexKey(space, addr), 1, FUTEX_BITSET_MATCH_ANY);
}

/** Registers the thread calls and what a thread's exit does with its thread area. */
export function threadCallsInit(): void {
  futexInit();
  futexCallsInit();
  addMmReleaseHook(releaseThreadMemory);
  registerSyscall(120, sysClone);
  registerSyscall(190, sysVfork);
  registerSyscall(243, sysSetThreadArea);
  registerSyscall(244, sysGetThreadArea);
  registerSyscall(258, sysSetTidAddress);
  registerSyscall(311, sysSetRobustList);
  registerSyscall(312, sysGetRobustList);
}
