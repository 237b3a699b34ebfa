/**
 * Access to user memory from the kernel: every user pointer is range-checked, and the copy
 * itself (switch.S user_copy) is listed in the exception table, so a fault on an unmapped or
 * forbidden user page turns into -EFAULT instead of a kernel panic.
 */
import { USER_END } from "../mm/aspace";
import { Errno } from "./errno";

/** @linkname user_copy */
declare function userCopy(dst: u32, src: u32, n: u32): i32;

/** Does [addr, addr+len) lie entirely in user space? */
export function userRangeOk(addr: u32, len: u32): boolean {
  return len <= USER_END && addr <= USER_END - len;
}

/** Copies n bytes from user address `src` to kernel address `dst`; 0 or -EFAULT. */
export function copyFromUser(dst: u32, src: u32, n: u32): i32 {
  if (!userRangeOk(src, n)) return -Errno.EFAULT;
  if (n === 0) return 0;
  return userCopy(dst, src, n);
}

/** Copies n bytes from kernel address `src` to user address `dst`; 0 or -EFAULT. */
export function copyToUser(dst: u32, src: u32, n: u32): i32 {
  if (!userRangeOk(dst, n)) return -Errno.EFAULT;
  if (n === 0) return 0;
  return userCopy(dst, src, n);
}

const scratch = new Array<u8>(4).fill(0);

/** Reads a NUL-terminated user string of at most `max` bytes; null on a bad pointer or when too long. */
export function stringFromUser(addr: u32, max: u32): string | null {
  let s = "";
  for (let i: u32 = 0; i < max; i++) {
    if (copyFromUser(addressOf(scratch), addr + i, 1) !== 0) return null;
    const c = scratch[0];
    if (c === 0) return s;
    s += String.fromCharCode(c);
  }
  return null;
}
