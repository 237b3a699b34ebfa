/**
 * A fixed-capacity FIFO of bytes shared by one producer and one consumer, such as an interrupt
 * handler and the code that drains it. Each side writes only its own free-running counter
 * (`tail` for the producer, `head` for the consumer), so on one CPU neither side needs to
 * disable interrupts to use it; the counters wrap modulo 2^32 and the capacity is a power of two.
 */
export class ByteRing {
  private readonly data: u8[];
  private readonly mask: u32;
  /** Bytes read so far (wraps). */
  private head: u32 = 0;
  /** Bytes written so far (wraps). */
  private tail: u32 = 0;
  /** Bytes refused because the ring was full. */
  dropped: u32 = 0;

  /** A ring of `capacity` bytes, which must be a power of two. */
  constructor(readonly capacity: u32) {
    if (capacity === 0 || (capacity & (capacity - 1)) !== 0) panic(`ByteRing capacity ${capacity} is not a power of two`);
    this.data = new Array<u8>(capacity).fill(0);
    this.mask = capacity - 1;
  }

  /** Bytes waiting to be read. */
  get length(): u32 {
    return u32(this.tail - this.head);
  }

  /** True when nothing is waiting. */
  isEmpty(): boolean {
    return this.tail === this.head;
  }

  /** True when a push would be refused. */
  isFull(): boolean {
    return u32(this.tail - this.head) === this.capacity;
  }

  /** Appends a byte; returns false (and counts it in `dropped`) when the ring is full. */
  push(b: u8): boolean {
    if (this.isFull()) {
      this.dropped++;
      return false;
    }
    this.data[this.tail & this.mask] = b;
    compilerBarrier(); // the byte is stored before the consumer can see the new tail
    this.tail = u32(this.tail + 1);
    return true;
  }

  /** Removes and returns the oldest byte, or -1 when the ring is empty. */
  pop(): i32 {
    if (this.isEmpty()) return -1;
    const b = this.data[this.head & this.mask];
    compilerBarrier(); // the byte is read before the producer may overwrite its slot
    this.head = u32(this.head + 1);
    return b;
  }

  /** Discards everything waiting (consumer side). */
  clear(): void {
    this.head = this.tail;
  }
}
