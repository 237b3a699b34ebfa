// A bitmap page allocator over u32 words: first-fit runs, freeing, and counting.
class Bitmap {
  words: u32[];
  constructor(readonly bits: i32) { this.words = new Array<u32>((bits + 31) >>> 5).fill(0); }
  test(i: i32): boolean { return (this.words[i >>> 5] & (1 << (i & 31))) !== 0; }
  set(i: i32): void { this.words[i >>> 5] = u32(this.words[i >>> 5] | (1 << (i & 31))); }
  clear(i: i32): void { this.words[i >>> 5] = u32(this.words[i >>> 5] & ~(1 << (i & 31))); }
  alloc(n: i32): i32 {
    let run = 0;
    for (let i = 0; i < this.bits; i++) {
      if (this.test(i)) { run = 0; continue; }
      if (++run === n) {
        const start = i - n + 1;
        for (let j = start; j <= i; j++) this.set(j);
        return start;
      }
    }
    return -1;
  }
  free(start: i32, n: i32): void { for (let j = start; j < start + n; j++) this.clear(j); }
  used(): i32 {
    let c = 0;
    for (const w of this.words) { let x = w; while (x !== 0) { x = u32(x & (x - 1)); c++; } }
    return c;
  }
}
const bm = new Bitmap(100);
const a = bm.alloc(10), b = bm.alloc(30), c = bm.alloc(5);
console.log(a, b, c, bm.used());
bm.free(b, 30);
console.log(bm.alloc(31), bm.alloc(25), bm.alloc(60), bm.used(), bm.words[0], bm.words[1]);
