/**
 * Access to user memory from the kernel: every user pointer is range-checked, and the copy
 * itself (switch.S user_copy) is listed in the exception table, so a fault on an unmapped or
 * forbidden user page turns into -EFAULT instead of a kernel panic.
 */
import { USER_END } from "../mm/aspace";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { fail } from "./failure";

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

/** userString's window on the string's bytes. */
const chunk = scratchRegion(256);

/**
 * Reads a NUL-terminated user string of at most `max` bytes (NUL excluded); null on error
 * (failure(): -EFAULT, or -E2BIG when longer than `max`). Fault-safe, and linear in the
 * length: the bytes are scanned for the NUL chunk by chunk, then the string is built in one
 * allocation.
 */
export function userString(addr: u32, max: u32): string | null {
  const buf = chunk;
  let len: u32 = 0;
  let found = false;
  while (!found && len <= max) {
    const n: u32 = 256 - ((addr + len) & 255); // never cross into a page the string may not reach
    if (copyFromUser(buf, addr + len, n) !== 0) return fail(-Errno.EFAULT);
    let i: u32 = 0;
    while (i < n && load8(buf + i) !== 0) i++;
    len += i;
    found = i < n;
  }
  if (len > max) return fail(-Errno.E2BIG);
  // One allocation for the bytes, one for the string: the user copy goes into a kernel array
  // (fault-safe) and the string is made from it in one copy.
  const bytes = new Array<u8>(i32(len)).fill(0);
  if (len !== 0 && copyFromUser(addressOf(bytes), addr, len) !== 0) {
    dispose(bytes);
    return fail(-Errno.EFAULT);
  }
  const value = stringFromBytes(bytes, 0, i32(len));
  dispose(bytes);
  return value;
}
