// trap: integer overflow in uint8_t subtraction
// line: 4
let b: u8 = 1;
b--; b--;
console.log(b);
