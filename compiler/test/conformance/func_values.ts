// Function values without captures: named functions passed, stored and called.
type BinOp = (a: i32, b: i32) => i32;
function plus(a: i32, b: i32): i32 { return a + b; }
function times(a: i32, b: i32): i32 { return a * b; }
function minus(a: i32, b: i32): i32 { return a - b; }
function fold(xs: i32[], init: i32, op: BinOp): i32 {
  let acc = init;
  for (const x of xs) acc = op(acc, x);
  return acc;
}
function pick(name: string): BinOp | null {
  if (name === "+") return plus;
  if (name === "*") return times;
  return null;
}
class Calculator {
  constructor(public op: BinOp) {}
  run(a: i32, b: i32): i32 { return this.op(a, b); }
}
const xs: i32[] = [1, 2, 3, 4, 5];
console.log(fold(xs, 0, plus), fold(xs, 1, times), fold(xs, 100, minus));
const ops: BinOp[] = [plus, times, minus];
for (const op of ops) console.log(op(7, 3), op === plus, op === times);
const p = pick("*");
console.log(p !== null ? p(6, 7) : -1, pick("?") === null);
const calc = new Calculator(minus);
console.log(calc.run(10, 4));
calc.op = times;
console.log(calc.run(10, 4));
