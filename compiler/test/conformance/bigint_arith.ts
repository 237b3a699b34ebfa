// i64/u64 arithmetic: + - * / % with negatives, comparisons, loops with bigint counters.
const a: i64 = -1234567890123456789n;
const b: i64 = 987654321n;
console.log(a + b, a - b, a * 7n, a / b, a % b, -a / -b, b / a, -b % 1000n);
let f: u64 = 1n;
for (let i: u64 = 1n; i <= 20n; i++) f *= i;
console.log(f, f / 1000000007n, f % 1000000007n);
let fib0: u64 = 0n, fib1: u64 = 1n;
for (let i = 0; i < 90; i++) { const t = fib0 + fib1; fib0 = fib1; fib1 = t; }
console.log(fib0, fib1);
console.log(a < b, a <= a, b > 0n, a === -1234567890123456789n, f !== 0n);
