// u8: 0..255, wrapping with u8(), checked narrowing into u8 variables.
const lo: u8 = 0;
const hi: u8 = 255;
console.log(lo, hi, hi + 1, lo - 1, hi * hi);
let b: u8 = 200;
b += 55;
console.log(b, u8(b + 1), u8(lo - 1), u8(-256), u8(511));
const bytes: u8[] = [0, 1, 127, 128, 254, 255];
let acc: u32 = 0;
for (const v of bytes) acc = acc * 7 + v;
console.log(acc, bytes.length);
let wrapped: u8 = 0;
for (let i = 0; i < 300; i++) wrapped = u8(wrapped + 1);
console.log(wrapped);
console.log(hi === 255, hi > lo, u8(hi << 1), hi >> 1, ~hi, hi ^ 0xaa);
