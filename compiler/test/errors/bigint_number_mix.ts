// error: cannot compare bigint (i64/u64) with number
// at: 6:13
// hint: convert with BigInt(x) or Number(x)
const big: i64 = 5n;
const n: i32 = 6;
console.log(big < n);
