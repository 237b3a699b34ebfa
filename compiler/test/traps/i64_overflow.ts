// trap: integer overflow in int64_t addition
// line: 4
let x: i64 = 9223372036854775800n;
for (let i = 0; i < 10; i++) x += 1n;
console.log(x);
