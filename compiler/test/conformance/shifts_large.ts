// Shift counts are taken modulo 32 for numbers; bigints shift by any count.
const one = 1;
let n: u32 = 32;
console.log(one << 32, one << 33, one << n, 0x100 >> 40, -1 >>> 32, -1 >>> 63, 5 << -1);
for (let s: u32 = 28; s < 70; s += 7) console.log(s, 1 << s, 0x80000000 >> s, 0x80000000 >>> s, 0xff >> s);
let big: u64 = 1n;
console.log(big << 40n, big << 63n, (big << 63n) >> 63n, 18446744073709551615n >> 60n, 18446744073709551615n >> 64n);
const neg: i64 = -1024n;
console.log(neg >> 3n, neg >> 100n, neg << 10n);
