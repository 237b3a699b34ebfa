// Recursion: direct, mutual, and with accumulators.
function fib(n: i32): i32 { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function isEven(n: u32): boolean { return n === 0 ? true : isOdd(n - 1); }
function isOdd(n: u32): boolean { return n === 0 ? false : isEven(n - 1); }
function ackermann(m: u32, n: u32): u32 {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
function gcd(a: u32, b: u32): u32 { return b === 0 ? a : gcd(b, a % b); }
function power(base: i64, exp: u32): i64 {
  if (exp === 0) return 1n;
  const half = power(base, exp >>> 1);
  return (exp & 1) !== 0 ? half * half * base : half * half;
}
function hanoi(n: i32, from: string, to: string, via: string, moves: string[]): void {
  if (n === 0) return;
  hanoi(n - 1, from, via, to, moves);
  moves.push(from + to);
  hanoi(n - 1, via, to, from, moves);
}
console.log(fib(25), isEven(100), isOdd(7), ackermann(2, 3), gcd(1071, 462), power(3n, 39));
const moves: string[] = [];
hanoi(4, "A", "C", "B", moves);
console.log(moves.length, moves.join(" "));
