// trap: integer overflow in uint32_t subtraction
// line: 5
let a: u32 = 5;
const b: u32 = 6;
const c = a - b;
console.log(c);
