/**
 * A bounded byte queue over a caller-supplied buffer, moved in bulk (at most two copies per
 * call, one on each side of the wrap): the storage of a pipe. The caller's side of a copy may be
 * kernel memory (read/write) or memory that can fault, such as a user buffer (readWith/writeWith
 * take the copy function and stop at the first failed copy). Not interrupt-safe; its users run
 * in task context on one CPU.
 */

/** Copies `n` bytes from `src` to `dst`; 0, or a negative errno when a buffer faults. */
export type CopyFn = (dst: u32, src: u32, n: u32) => i32;

/** The copy between kernel buffers, which cannot fail. */
export function kernelCopy(dst: u32, src: u32, n: u32): i32 {
  memmove(dst, src, n);
  return 0;
}

export class ByteQueue {
  /** Index of the oldest byte. */
  private head: u32 = 0;
  /** Bytes waiting. */
  length: u32 = 0;

  /** A queue of `capacity` bytes stored at linear address `base`. */
  constructor(readonly base: u32, readonly capacity: u32) {}

  /** Bytes that can still be written. */
  get room(): u32 {
    return this.capacity - this.length;
  }

  /** Appends up to `n` bytes from kernel address `src`; returns how many fitted. */
  write(src: u32, n: u32): u32 {
    return u32(this.writeWith(src, n, kernelCopy));
  }

  /** Removes up to `n` of the oldest bytes into kernel address `dst`; returns how many. */
  read(dst: u32, n: u32): u32 {
    return u32(this.readWith(dst, n, kernelCopy));
  }

  /**
   * Appends up to `n` bytes from `src` through `copy`; returns how many were added, or the copy's
   * error when nothing could be (a failure after the wrap keeps the part before it).
   */
  writeWith(src: u32, n: u32, copy: CopyFn): i32 {
    const count = n < this.room ? n : this.room;
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    const first = count < this.capacity - tail ? count : this.capacity - tail;
    const r = copy(this.base + tail, src, first);
    if (r < 0) return r;
    if (count > first && copy(this.base, src + first, count - first) < 0) {
      this.length += first;
      return i32(first);
    }
    this.length += count;
    return i32(count);
  }

  /**
   * Removes up to `n` of the oldest bytes into `dst` through `copy`; returns how many, or the
   * copy's error when none could be delivered (bytes that did not reach `dst` stay queued).
   */
  readWith(dst: u32, n: u32, copy: CopyFn): i32 {
    const count = n < this.length ? n : this.length;
    const first = count < this.capacity - this.head ? count : this.capacity - this.head;
    const r = copy(dst, this.base + this.head, first);
    if (r < 0) return r;
    const done = count > first && copy(dst + first, this.base, count - first) < 0 ? first : count;
    this.head += done;
    if (this.head >= this.capacity) this.head -= this.capacity;
    this.length -= done;
    if (this.length === 0) this.head = 0;
    return i32(done);
  }
}
