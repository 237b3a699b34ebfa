// trap: integer overflow in int8_t subtraction
// line: 4
let n = 0;
for (let i: i8 = -100; i > -128; i -= 10) n++;
console.log(n);
