/** A single-producer/single-consumer ring of u32 (power-of-two size), 12 M items in bursts. */
class Ring {
  private readonly buf: u32[];
  private readonly mask: u32;
  private head: u32 = 0;
  private tail: u32 = 0;

  constructor(size: u32) {
    this.buf = new Array<u32>(size).fill(0);
    this.mask = size - 1;
  }

  push(v: u32): boolean {
    if (((this.head - this.tail) >>> 0) === this.buf.length) return false;
    this.buf[this.head & this.mask] = v;
    this.head = (this.head + 1) >>> 0;
    return true;
  }

  pop(): u32 {
    const v = this.buf[this.tail & this.mask];
    this.tail = (this.tail + 1) >>> 0;
    return v;
  }

  get size(): u32 {
    return (this.head - this.tail) >>> 0;
  }
}

/** The fixed amount of work, with its state in locals as kernel code keeps it. */
function main(): void {
  const ring = new Ring(1024);
  let produced: u32 = 0;
  let acc: u32 = 0;
  const TOTAL: u32 = 12000000;
  while (produced < TOTAL) {
    const burst = 1 + (produced & 1023);
    for (let i = 0; i < burst && produced < TOTAL; i++) {
      if (!ring.push(produced)) break;
      produced++;
    }
    const take = ring.size - (ring.size >>> 2);
    for (let i: u32 = 0; i < take; i++) acc = (Math.imul(acc, 33) ^ ring.pop()) >>> 0;
  }
  while (ring.size > 0) acc = (Math.imul(acc, 33) ^ ring.pop()) >>> 0;
  console.log(acc);
}

main();
