/**
 * Thread-local storage segments, as Linux i386 offers them through set_thread_area: a program
 * describes a data segment (`struct user_desc`), the kernel encodes it as a ring-3 GDT
 * descriptor in one of the TLS slots, and the program loads the selector into %gs (glibc) or
 * %gs/%fs. Every task has its own slots; the scheduler installs them on each switch.
 */
import { GDT_ENTRY_TLS_COUNT, GDT_ENTRY_TLS_MIN } from "./gdt";

/** Bytes of `struct user_desc`. */
export const USER_DESC_BYTES: u32 = 16;

/** Is `index` one of the TLS GDT entries? */
export function isTlsEntry(index: i32): boolean {
  return index >= GDT_ENTRY_TLS_MIN && index < GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_COUNT;
}

/** Is `sel` a selector user code may hold in a data segment register (null, user data, or a TLS slot)? */
export function userDataSelector(sel: u32): boolean {
  if (sel === 0 || sel === 0x23) return true;
  return (sel & 7) === 3 && isTlsEntry(i32(sel >>> 3));
}

/**
 * Encodes the user_desc at kernel address `ud` as a descriptor (Linux's fill_ldt): always a
 * present-or-not ring-3 code/data segment, never a system one. 0 for an "empty" description,
 * -1 when the description is invalid (a present conforming code segment).
 */
export function descriptorFromUserDesc(ud: u32): i64 {
  const base = load32(ud + 4);
  const limit = load32(ud + 8);
  const f = load32(ud + 12);
  const seg32 = f & 1, contents = (f >>> 1) & 3, readExecOnly = (f >>> 3) & 1, limitInPages = (f >>> 4) & 1;
  const notPresent = (f >>> 5) & 1, useable = (f >>> 6) & 1;
  const empty = base === 0 && limit === 0 && contents === 0 && seg32 === 0 && limitInPages === 0 && useable === 0 &&
    ((readExecOnly === 1 && notPresent === 1) || (readExecOnly === 0 && notPresent === 0));
  if (empty) return 0n;
  if (contents === 3 && notPresent === 0) return -1n;
  const type = ((readExecOnly ^ 1) << 1) | (contents << 2) | 1; // accessed
  const access = type | 0x10 | 0x60 | ((notPresent ^ 1) << 7); // S = 1, DPL 3, P
  const flags = (useable) | (seg32 << 2) | (limitInPages << 3);
  let d: i64 = i64(limit & 0xffff);
  d |= i64(base & 0xffffff) << 16n;
  d |= i64(access) << 40n;
  d |= i64((limit >>> 16) & 0xf) << 48n;
  d |= i64(flags) << 52n;
  d |= i64((base >>> 24) & 0xff) << 56n;
  return d;
}

/** Writes the user_desc for descriptor `d` in entry `index` at kernel address `ud` (get_thread_area). */
export function userDescFromDescriptor(d: u64, index: i32, ud: u32): void {
  const lo = u32(Number(d & 0xffffffffn));
  const hi = u32(Number(d >> 32n));
  const base = ((lo >>> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000)) >>> 0;
  const limit = ((lo & 0xffff) | (hi & 0xf0000)) >>> 0;
  const type = (hi >>> 8) & 0xf;
  const present = (hi >>> 15) & 1;
  const flags = (hi >>> 20) & 0xf;
  store32(ud, u32(index));
  store32(ud + 4, base);
  store32(ud + 8, limit);
  let f: u32 = (flags >>> 2) & 1; // seg_32bit
  f |= ((type >>> 2) & 3) << 1; // contents
  f |= (((type >>> 1) & 1) ^ 1) << 3; // read_exec_only
  f |= ((flags >>> 3) & 1) << 4; // limit_in_pages
  f |= (present ^ 1) << 5; // seg_not_present
  f |= (flags & 1) << 6; // useable
  if (d === 0n) f = (1 << 3) | (1 << 5); // an empty slot reads back as "empty"
  store32(ud + 12, f);
}
