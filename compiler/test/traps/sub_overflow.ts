// trap: integer overflow in int32_t subtraction
// line: 4
let x: i32 = -2147483600;
for (let i = 0; i < 100; i++) x = x - 1;
console.log(x);
