// Math.min/max/abs/sign/imul/clz32 on integers.
const a: i32 = -5, b: i32 = 12, c: i32 = 0;
console.log(Math.min(a, b), Math.max(a, b), Math.min(a, b, c), Math.max(a, b, c), Math.min(3), Math.max(7, 7));
const u: u32 = 4000000000;
const v: u32 = 5;
console.log(Math.min(u, v), Math.max(u, v));
console.log(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(-2147483647));
console.log(Math.sign(a), Math.sign(b), Math.sign(c), Math.sign(u));
console.log(Math.imul(3, 4), Math.imul(-5, 12), Math.imul(0x7fffffff, 2), Math.imul(0xffffffff, 5), Math.imul(65537, 65537), Math.imul(u, u));
console.log(Math.clz32(0), Math.clz32(1), Math.clz32(-1), Math.clz32(0x80000000), Math.clz32(0xffff), Math.clz32(u));
let h: i32 = 0;
for (let i = 0; i < 20; i++) h = Math.imul(h, 31) + i | 0;
console.log(h);
console.log(Math.trunc(17), Math.floor(-3), Math.max(Math.min(b, 10), 2));
