// error: the constant 8000000000 does not fit in 32 bits
// at: 5:11
// hint: compute in i64/u64 (bigint) when the value needs more than 32 bits
const a: i32 = 2000000000;
const b = a * 4;
console.log(b);
