/**
 * Conversions between ostc strings and the raw bytes the kernel reads and writes. Strings made
 * from bytes hold one byte per character (ostc's one-byte form), so file contents, paths and argv
 * pass through unchanged; a string with characters beyond U+00FF has no such bytes (addressOf traps).
 */

/** The address of a NUL-terminated copy of `s`, valid for the rest of the program. */
export function cString(s: string): u32 {
  const buf = new Array<u8>(s.length + 1).fill(0);
  const at = addressOf(buf);
  if (s.length > 0) memmove(at, addressOf(s), u32(s.length));
  return at;
}

/** A string holding the `n` bytes at address `at`. */
export function stringAt(at: u32, n: i32): string {
  if (n <= 0) return "";
  // repeat() allocates a fresh string of n bytes; its storage is then overwritten with the data.
  const s = " ".repeat(n);
  memmove(addressOf(s), at, u32(n));
  return s;
}

/** The length of the NUL-terminated string at `at`. */
export function cStringLength(at: u32): i32 {
  let n = 0;
  while (load8(at + u32(n)) !== 0) n++;
  return n;
}

/** A string copied from the NUL-terminated bytes at `at`. */
export function stringFromC(at: u32): string {
  return stringAt(at, cStringLength(at));
}

/** A string holding `buf[from..to)`. */
export function bytesToString(buf: u8[], from: i32, to: i32): string {
  if (to <= from) return "";
  return stringAt(addressOf(buf) + u32(from), to - from);
}

/** A NULL-terminated array of pointers to NUL-terminated copies of `items` (argv, envp); the address of its first slot. */
export function cStringArray(items: string[]): u32 {
  const ptrs = new Array<u32>(items.length + 1).fill(0);
  for (let i = 0; i < items.length; i++) ptrs[i] = cString(items[i]);
  return addressOf(ptrs);
}
