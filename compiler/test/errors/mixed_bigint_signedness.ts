// error: mixing i64 and u64 in arithmetic
// at: 6:13
// hint: convert with i64(x) or u64(x)
let a: i64 = 1n;
let b: u64 = 2n;
console.log(a + b);
