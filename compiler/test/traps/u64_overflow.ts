// trap: integer overflow in uint64_t multiplication
// line: 4
let x: u64 = 1n;
for (let i = 0; i < 70; i++) x = x * 2n;
console.log(x);
