// i32: -2^31 and 2^31-1, overflow-free arithmetic at the edges, wrapping with i32().
const min: i32 = -2147483648;
const max: i32 = 2147483647;
console.log(min, max, min + max, max - 1, min + 1);
console.log(i32(max + 1), i32(min - 1), i32(4294967295), i32(2147483648));
const big: i64 = BigInt(max) * 2n;
console.log(big, BigInt(min) * BigInt(min));
let a: i32 = max;
a -= max;
console.log(a, -max, -(min + 1), max % 10, min % 10);
console.log(Math.trunc(min / 2), Math.trunc(max / -3), Math.floor(min / 3), Math.floor(max / -7));
console.log(min < max, min === -2147483648, max !== 2147483646);
let count = 0;
for (let i: i32 = max - 5; i < max; i++) count++;
console.log(count);
