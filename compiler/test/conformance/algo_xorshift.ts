// xorshift32 and xorshift64 pseudo-random generators, plus a histogram of values mod 10.
function xorshift32(state: u32): u32 {
  let x = state;
  x = u32(x ^ (x << 13));
  x = u32(x ^ (x >>> 17));
  x = u32(x ^ (x << 5));
  return x;
}
function xorshift64(state: u64): u64 {
  let x = state;
  x ^= u64(x << 13n);
  x ^= x >> 7n;
  x ^= u64(x << 17n);
  return x;
}
let s: u32 = 2463534242;
const hist = new Array<i32>(10).fill(0);
for (let i = 0; i < 10000; i++) { s = xorshift32(s); hist[s % 10]++; }
console.log(s, hist.join(" "));
let t: u64 = 88172645463325252n;
for (let i = 0; i < 5; i++) t = xorshift64(t);
console.log(t);
