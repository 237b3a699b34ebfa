/**
 * Thread-area system calls of the Linux i386 ABI that C libraries make at start-up:
 * set_thread_area/get_thread_area (TLS segments in the GDT slots), set_tid_address and
 * set_robust_list (recorded for thread exit).
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { copyFromUser, copyToUser } from "./uaccess";
import { currentTask } from "../proc/sched";
import { Task } from "../proc/task";
import { GDT_ENTRY_TLS_COUNT, GDT_ENTRY_TLS_MIN, loadTlsDescriptors } from "../arch/x86/gdt";
import { USER_DESC_BYTES, descriptorFromUserDesc, isTlsEntry, userDescFromDescriptor } from "../arch/x86/tls";

/** @align 16 */
const buf = new Array<u8>(32).fill(0);

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
  const b = addressOf(buf);
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
  const b = addressOf(buf);
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

/** set_robust_list: the list head's size must be struct robust_list_head's (12 bytes). */
function sysSetRobustList(head: u32, len: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (len !== 12) return -Errno.EINVAL;
  const t = currentTask();
  t.robustList = head;
  t.robustListLen = len;
  return 0;
}

/** Registers the thread-area calls. */
export function threadCallsInit(): void {
  registerSyscall(243, sysSetThreadArea);
  registerSyscall(244, sysGetThreadArea);
  registerSyscall(258, sysSetTidAddress);
  registerSyscall(311, sysSetRobustList);
}
