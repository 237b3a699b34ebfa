// Return types inferred from return statements; early returns; void functions.
function half(x: u32) { return x >>> 1; }
function label(n: i32) {
  if (n < 0) return "negative";
  if (n === 0) return "zero";
  return "positive";
}
function isBig(n: u64) { return n > 1000n; }
function firstOver(xs: i32[], limit: i32) {
  for (const x of xs) if (x > limit) return x;
  return -1;
}
let counter = 0;
function tick(): void {
  counter++;
  if (counter > 2) return;
  counter += 10;
}
tick(); tick(); tick();
console.log(half(4000000001), label(-3), label(0), label(9), isBig(5000n), firstOver([1, 5, 9], 4), firstOver([1], 4), counter);
