// error: `bigint` has no fixed width
// at: 4:10
// hint: write i64 or u64
const x: bigint = 5n;
console.log(x);
