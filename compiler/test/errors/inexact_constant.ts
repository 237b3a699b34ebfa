// error: the constant 18446744065119617025 is beyond 2^53 and is not exact in TypeScript
// at: 5:17
// hint: use Math.imul for 32-bit products, or i64/u64 (bigint) arithmetic
const big: u32 = 4294967295;
console.log(u32(big * big));
