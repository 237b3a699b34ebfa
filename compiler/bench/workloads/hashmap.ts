/** An open-addressing hash map (linear probing, u32 keys) filled, probed and cleared 40 times. */
const EMPTY: u32 = 0;

class HashMap {
  keys: u32[];
  vals: u32[];
  mask: u32;
  count: u32 = 0;

  constructor(capacity: u32) {
    this.keys = new Array<u32>(capacity).fill(EMPTY);
    this.vals = new Array<u32>(capacity).fill(0);
    this.mask = capacity - 1;
  }

  private slot(key: u32): u32 {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
  }

  set(key: u32, val: u32): void {
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i];
      if (k === key) { this.vals[i] = val; return; }
      if (k === EMPTY) { this.keys[i] = key; this.vals[i] = val; this.count++; return; }
      i = (i + 1) & this.mask;
    }
  }

  get(key: u32): u32 {
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i];
      if (k === key) return this.vals[i];
      if (k === EMPTY) return 0;
      i = (i + 1) & this.mask;
    }
  }

  clear(): void {
    for (let i = 0; i < this.keys.length; i++) this.keys[i] = EMPTY;
    this.count = 0;
  }
}

const map = new HashMap(1 << 16);
/** The fixed amount of work, with its state in locals as kernel code keeps it. */
function main(): void {
  let acc: u32 = 0;
  for (let round: u32 = 0; round < 40; round++) {
    let x: u32 = round + 1;
    for (let i: u32 = 0; i < 40000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      map.set((x >>> 4) | 1, i);
    }
    x = round + 1;
    for (let i: u32 = 0; i < 80000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      acc = (acc + map.get(((x >>> 4) | 1) ^ (i & 2))) >>> 0;
    }
    acc = (acc ^ map.count) >>> 0;
    map.clear();
  }
  console.log(acc);
}

main();
