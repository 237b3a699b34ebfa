/**
 * The text of a generated /proc file (the buffer of Linux's seq_file): bytes appended at a
 * kernel address up to a capacity. A writer that runs out of room stops writing and remembers
 * it, so the caller can generate again into a larger buffer. Numbers are formatted in place and
 * short strings come as Fmt (a template literal formatted on the caller's stack), so generating
 * a file allocates nothing.
 */

/** Appends text to a buffer in kernel memory. */
export class ProcText {
  /** Where the text starts. */
  base: u32 = 0;
  /** Bytes the buffer holds. */
  capacity: u32 = 0;
  /** Bytes written so far. */
  length: u32 = 0;
  /** Something did not fit: the text is incomplete. */
  overflow = false;

  /** Starts a new text in `capacity` bytes at `base`. */
  reset(base: u32, capacity: u32): void {
    this.base = base;
    this.capacity = capacity;
    this.length = 0;
    this.overflow = false;
  }

  /** Appends one byte. */
  byte(b: u8): void {
    if (this.length >= this.capacity) {
      this.overflow = true;
      return;
    }
    store8(this.base + this.length, b);
    this.length++;
  }

  /** Appends the characters of `s` (Latin-1, one byte each). */
  text(s: Fmt): void {
    const n = u32(s.length);
    if (n > this.capacity - this.length) {
      this.overflow = true;
      return;
    }
    for (let i = 0; i < s.length; i++) store8(this.base + this.length + u32(i), u8(s.charCodeAt(i)));
    this.length += n;
  }

  /** Appends `count` bytes copied from kernel address `src`. */
  bytes(src: u32, count: u32): void {
    if (count > this.capacity - this.length) {
      this.overflow = true;
      return;
    }
    memmove(this.base + this.length, src, count);
    this.length += count;
  }

  /** Appends `v` in decimal, right-aligned in at least `width` columns, padded with spaces or (`zeros`) zeros. */
  decimal(v: u64, width: u32, zeros: boolean): void {
    let digits: u32 = 1;
    for (let x = v / 10n; x > 0n; x = x / 10n) digits++;
    for (let i = digits; i < width; i++) this.byte(zeros ? 48 : 32);
    if (digits > this.capacity - this.length) {
      this.overflow = true;
      return;
    }
    let x = v;
    for (let i = digits; i > 0; i--) {
      store8(this.base + this.length + i - 1, u8(48 + Number(x % 10n)));
      x = x / 10n;
    }
    this.length += digits;
  }

  /** Appends `hundredths / 100` with two decimals ("12.05"). */
  hundredths(hundredths: u64): void {
    this.decimal(hundredths / 100n, 0, false);
    this.byte(46);
    this.decimal(hundredths % 100n, 2, true);
  }

  /** Appends the low `digits` hex digits of `v`, lowercase, with leading zeros. */
  hex(v: u64, digits: u32): void {
    for (let i = digits; i > 0; i--) {
      const nibble = Number((v >> u64((i - 1) * 4)) & 15n);
      this.byte(u8(nibble < 10 ? 48 + nibble : 87 + nibble));
    }
  }

  /** Appends `v` in lowercase hex with at least `width` digits, zero-padded (printf's %0*llx). */
  hexAtLeast(v: u64, width: u32): void {
    let digits: u32 = 1;
    for (let x = v >> 4n; x > 0n; x = x >> 4n) digits++;
    this.hex(v, digits > width ? digits : width);
  }

  /** Reverses the bytes written since position `from` (for text produced back to front). */
  reverseFrom(from: u32): void {
    let i = from;
    let j = this.length;
    while (j > i + 1) {
      j--;
      const a = load8(this.base + i);
      store8(this.base + i, load8(this.base + j));
      store8(this.base + j, a);
      i++;
    }
  }

  /** Appends the low `digits` octal digits of `v`, with leading zeros (a umask: "0022"). */
  octal(v: u32, digits: u32): void {
    for (let i = digits; i > 0; i--) this.byte(u8(48 + ((v >>> ((i - 1) * 3)) & 7)));
  }
}
