// Two-level x86 page-table arithmetic: splitting addresses, building entries with flag bits.
const PRESENT: u32 = 1, WRITE: u32 = 2, USER: u32 = 4, HUGE: u32 = 0x80;
function pde(addr: u32): u32 { return addr >>> 22; }
function pte(addr: u32): u32 { return (addr >>> 12) & 0x3ff; }
function entry(frame: u32, flags: u32): u32 { return u32((frame & 0xfffff000) | flags); }
const dir = new Array<u32>(1024).fill(0);
const tables: u32[][] = [];
function map(virt: u32, phys: u32, flags: u32): void {
  const d = pde(virt);
  if ((dir[d] & PRESENT) === 0) { tables.push(new Array<u32>(1024).fill(0)); dir[d] = entry(u32(tables.length - 1) << 12, PRESENT | WRITE | USER); }
  tables[dir[d] >>> 12][pte(virt)] = entry(phys, flags | PRESENT);
}
function translate(virt: u32): u32 {
  const d = dir[pde(virt)];
  if ((d & PRESENT) === 0) return 0xffffffff;
  const t = tables[d >>> 12][pte(virt)];
  return (t & PRESENT) === 0 ? 0xffffffff : u32((t & 0xfffff000) | (virt & 0xfff));
}
map(0xc0000000, 0x00100000, WRITE);
map(0xc0001000, 0x00200000, 0);
map(0x08048000, 0x7fff0000, USER | WRITE);
console.log(pde(0xc0000000), pte(0xc0001234), translate(0xc0000abc), translate(0xc0001fff), translate(0x08048010), translate(0xdead0000));
console.log(tables.length, dir[768], tables[0][1], entry(0x12345678, HUGE | PRESENT));
