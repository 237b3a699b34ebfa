// u32: 0..2^32-1, values at and above 2^31, wrapping with u32().
const max: u32 = 4294967295;
const half: u32 = 2147483648;
const zero: u32 = 0;
console.log(max, half, zero, max - half, half - 1, half + 2147483647);
console.log(u32(max + 1), u32(-1), u32(zero - 1), u32(half * 2), u32(half + half + 5));
let x: u32 = 3000000000;
x += 1000000000;
console.log(x, x > half, x >= max, max === 0xffffffff);
console.log(max % 1000, Math.trunc(max / 3), Math.floor(half / 7), max >>> 1, max >>> 31);
console.log(half | 0, half >>> 0, max | 0, max & 0xff, u32(max & 0xff00ff00));
const xs: u32[] = [max, half, 1, 0];
let s: u64 = 0n;
for (const v of xs) s += BigInt(v);
console.log(s);
