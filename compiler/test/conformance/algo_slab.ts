// A slab allocator handing out fixed-size objects from pages, with free lists per slab.
class Slab {
  free: i32[] = [];
  inUse = 0;
  constructor(readonly base: u32, readonly objSize: u32, readonly count: i32) {
    for (let i = count - 1; i >= 0; i--) this.free.push(i);
  }
  alloc(): u32 { const i = this.free.pop()!; this.inUse++; return this.base + u32(i) * this.objSize; }
  release(addr: u32): void { this.free.push(i32(Math.trunc((addr - this.base) / this.objSize))); this.inUse--; }
  contains(addr: u32): boolean { return addr >= this.base && addr < this.base + u32(this.count) * this.objSize; }
}
class Cache {
  slabs: Slab[] = [];
  nextPage: u32 = 0xc0100000;
  constructor(readonly objSize: u32) {}
  alloc(): u32 {
    for (const s of this.slabs) if (s.free.length > 0) return s.alloc();
    const s = new Slab(this.nextPage, this.objSize, i32(Math.trunc(4096 / this.objSize)));
    this.nextPage += 4096;
    this.slabs.push(s);
    return s.alloc();
  }
  release(addr: u32): void { for (const s of this.slabs) if (s.contains(addr)) { s.release(addr); return; } }
}
const c = new Cache(192);
const addrs: u32[] = [];
for (let i = 0; i < 50; i++) addrs.push(c.alloc());
for (let i = 0; i < 50; i += 2) c.release(addrs[i]);
const again = c.alloc();
console.log(c.slabs.length, addrs[0], addrs[21], addrs[49], again, again === addrs[48], c.slabs[0].inUse, c.slabs[2].inUse);
