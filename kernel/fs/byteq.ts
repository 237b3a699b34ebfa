/**
 * A bounded byte queue over a caller-supplied buffer, moved in bulk (at most two memmoves per
 * call, one on each side of the wrap): the storage of a pipe. Not interrupt-safe; its users run
 * in task context on one CPU.
 */
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

  /** Appends up to `n` bytes from address `src`; returns how many fitted. */
  write(src: u32, n: u32): u32 {
    const count = n < this.room ? n : this.room;
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    const first = count < this.capacity - tail ? count : this.capacity - tail;
    memmove(this.base + tail, src, first);
    if (count > first) memmove(this.base, src + first, count - first);
    this.length += count;
    return count;
  }

  /** Removes up to `n` of the oldest bytes into address `dst`; returns how many. */
  read(dst: u32, n: u32): u32 {
    const count = n < this.length ? n : this.length;
    const first = count < this.capacity - this.head ? count : this.capacity - this.head;
    memmove(dst, this.base + this.head, first);
    if (count > first) memmove(dst + first, this.base, count - first);
    this.head += count;
    if (this.head >= this.capacity) this.head -= this.capacity;
    this.length -= count;
    if (this.length === 0) this.head = 0;
    return count;
  }
}
