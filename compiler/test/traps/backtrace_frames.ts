// trap: index out of bounds
// line: 8
// backtrace: dig:8, dig:9, dig:9, run:13, <top level>:19
// A checked build's trap prints the TypeScript callers, innermost first. (Non-tail recursion and
// three call sites keep gcc from inlining these frames away.)
function dig(xs: i32[], n: i32): i32 {
  if (n < 0) return 0;
  if (n === 0) return xs[n + 5];
  const r = dig(xs, n - 1);
  return r * 3 + n;
}
function run(xs: i32[], n: i32): i32 {
  const r = dig(xs, n);
  return r + 1;
}
const xs = [1, 2, 3];
const two = process.argv.length; // 2, unknown to gcc
console.log(run(xs, -1), run(xs, -two));
console.log(run(xs, two));
