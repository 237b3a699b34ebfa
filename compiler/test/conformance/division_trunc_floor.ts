// Integer division is written Math.trunc(a / b) or Math.floor(a / b).
const pairs: i32[][] = [[7, 2], [-7, 2], [7, -2], [-7, -2], [0, 5], [1, 3], [-1, 3], [2147483647, 2], [-2147483648, 2], [-2147483648, 3], [100, 7]];
for (const p of pairs) {
  const a = p[0], b = p[1];
  // Template literals print a negative zero as 0 (console.log would print -0; ostc integers have no -0).
  console.log(`${a} ${b} ${Math.trunc(a / b)} ${Math.floor(a / b)} ${a % b}`);
}
const big: u32 = 4294967295;
console.log(Math.trunc(big / 2), Math.floor(big / 16), Math.trunc(big / 4294967295));
const q: i64 = -9n;
console.log(q / 2n, q / -2n, 9n / -2n, Math.trunc(-9 / 4), Math.floor(-9 / 4));
let m: i32 = 1000;
let steps = 0;
while (m > 0) { m = Math.trunc(m / 3); steps++; }
console.log(m, steps);
