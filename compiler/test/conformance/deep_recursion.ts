// Deep recursion: 70000 frames fit in the default 8 MiB stack natively and under Node (--stack-size=8000, which cannot reach 100000).
function depth(n: i32): i32 {
  if (n === 0) return 0;
  return depth(n - 1) + 1;
}
function sumTo(n: u32, acc: u64): u64 {
  return n === 0 ? acc : sumTo(n - 1, acc + BigInt(n));
}
console.log(depth(70000), sumTo(50000, 0n));
