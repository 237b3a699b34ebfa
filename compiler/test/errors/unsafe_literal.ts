// error: 9007199254740992 is beyond 2^53 and is not exact in TypeScript
// at: 4:16
// hint: use a bigint literal with i64/u64, e.g. 9007199254740993n
const x: u32 = 9007199254740993;
console.log(x);
