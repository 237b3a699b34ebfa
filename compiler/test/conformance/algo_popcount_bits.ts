// Bit tricks: popcount, bit reversal, lowest set bit, power-of-two tests, parity, on u32 and u64.
function popcount(x: u32): i32 { let c = 0; let v = x; while (v !== 0) { v = u32(v & (v - 1)); c++; } return c; }
function reverse(x: u32): u32 {
  let v = x;
  v = u32(((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1));
  v = u32(((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2));
  v = u32(((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4));
  v = u32(((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8));
  return u32((v >>> 16) | (v << 16));
}
function lowest(x: u32): u32 { return u32(x & -x); }
function isPow2(x: u32): boolean { return x !== 0 && (x & (x - 1)) === 0; }
function pop64(x: u64): i32 { let c = 0; let v = x; while (v !== 0n) { v &= v - 1n; c++; } return c; }
const vals: u32[] = [0, 1, 0x80000000, 0xffffffff, 0xdeadbeef, 12345678, 4096];
for (const v of vals) console.log(v, popcount(v), reverse(v), lowest(v), isPow2(v), popcount(v) & 1, Math.clz32(v));
console.log(pop64(18446744073709551615n), pop64(0x8000000000000001n));
