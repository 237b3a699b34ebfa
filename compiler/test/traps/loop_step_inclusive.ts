// trap: integer overflow in uint8_t addition
// line: 4
let n = 0;
for (let i: u8 = 250; i <= 255; i++) n++;
console.log(n);
