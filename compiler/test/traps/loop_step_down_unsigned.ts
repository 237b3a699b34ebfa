// trap: integer overflow in uint32_t subtraction
// line: 4
let n = 0;
for (let i: u32 = 3; i >= 0; i--) n++;
console.log(n);
