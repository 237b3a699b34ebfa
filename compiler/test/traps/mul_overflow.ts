// trap: integer overflow in int32_t multiplication
// line: 4
let x: i32 = 3;
for (let i = 0; i < 40; i++) x *= 3;
console.log(x);
