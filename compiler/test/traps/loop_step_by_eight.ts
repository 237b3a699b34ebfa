// trap: integer overflow in uint8_t addition
// line: 4
let n = 0;
for (let i: u8 = 240; i < 255; i += 8) n++;
console.log(n);
