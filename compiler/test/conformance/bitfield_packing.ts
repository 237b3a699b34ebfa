// Packing and unpacking bit fields (like a GDT descriptor) with shifts and masks.
function descriptor(base: u32, limit: u32, access: u8, flags: u8): u64 {
  let d: u64 = BigInt(limit & 0xffff);
  d |= BigInt(base & 0xffffff) << 16n;
  d |= BigInt(access) << 40n;
  d |= BigInt((limit >>> 16) & 0xf) << 48n;
  d |= BigInt(flags & 0xf) << 52n;
  d |= BigInt(base >>> 24) << 56n;
  return d;
}
function baseOf(d: u64): u32 { return u32(Number((d >> 16n) & 0xffffffn) | (Number(d >> 56n) << 24)); }
const code = descriptor(0, 0xfffff, 0x9a, 0xc);
const data = descriptor(0x12345678, 0xfffff, 0x92, 0xc);
console.log(code, data, baseOf(data), baseOf(code));
function flagsWord(cf: boolean, zf: boolean, sf: boolean, iflag: boolean): u32 {
  return u32((cf ? 1 : 0) | (zf ? 1 << 6 : 0) | (sf ? 1 << 7 : 0) | (iflag ? 1 << 9 : 0) | 2);
}
console.log(flagsWord(true, false, true, true), flagsWord(false, true, false, false));
