// % keeps the sign of the dividend, as in JavaScript.
const values: i32[] = [-7, -6, -1, 0, 1, 6, 7, -2147483648, 2147483647];
const divisors: i32[] = [3, -3, 1, -1, 7, 2147483647];
for (const a of values) {
  let line = `${a}:`;
  for (const d of divisors) line += ` ${a % d}`;
  console.log(line);
}
let x: i32 = -17;
x %= 5;
console.log(x, -17 % 5, 17 % -5, -17 % -5);
const u: u32 = 4294967295;
console.log(u % 10, u % 4294967295, u % 1);
const b: i64 = -17n;
console.log(b % 5n, 17n % -5n, b % -5n);
