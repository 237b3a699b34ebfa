// Conversions between numbers and bigints: BigInt(), Number(), i64()/u64(), BigInt.asUintN/asIntN.
const n: i32 = -42;
const u: u32 = 4294967295;
const b: i64 = BigInt(n);
const c: u64 = BigInt(u);
console.log(b, c, BigInt(n) * BigInt(u), Number(b) + 1, Number(c) - 1);
const small: i64 = 123456n;
const back: i32 = Number(small);
console.log(back, i32(Number(small)) * 2);
console.log(BigInt.asUintN(64, -1n), BigInt.asIntN(64, 18446744073709551615n), u64(-5n), i64(9223372036854775808n));
console.log(u64(n), i64(u), u64(BigInt(n) * 3n));
