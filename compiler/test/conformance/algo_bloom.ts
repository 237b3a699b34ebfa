// A Bloom filter with two hash functions over a u32 bit array; membership of inserted and absent keys.
class Bloom {
  bits: u32[];
  constructor(readonly m: u32) { this.bits = new Array<u32>(i32((m + 31) >>> 5)).fill(0); }
  private h1(s: string): u32 { let h: u32 = 5381; for (let i = 0; i < s.length; i++) h = u32(h * 33 ^ s.charCodeAt(i)); return h % this.m; }
  private h2(s: string): u32 { let h: u32 = 0x811c9dc5; for (let i = 0; i < s.length; i++) h = u32(Math.imul(h ^ s.charCodeAt(i), 16777619)); return h % this.m; }
  private setBit(b: u32): void { this.bits[b >>> 5] = u32(this.bits[b >>> 5] | (1 << (b & 31))); }
  private bit(b: u32): boolean { return (this.bits[b >>> 5] & (1 << (b & 31))) !== 0; }
  add(s: string): void { this.setBit(this.h1(s)); this.setBit(this.h2(s)); }
  has(s: string): boolean { return this.bit(this.h1(s)) && this.bit(this.h2(s)); }
}
const b = new Bloom(512);
for (let i = 0; i < 40; i++) b.add(`file${i}`);
let hits = 0, falsePos = 0;
for (let i = 0; i < 40; i++) if (b.has(`file${i}`)) hits++;
for (let i = 100; i < 300; i++) if (b.has(`file${i}`)) falsePos++;
console.log(hits, falsePos, b.bits[0], b.bits[15]);
