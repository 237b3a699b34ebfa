// trap: integer overflow in uint8_t addition
// line: 5
const end: u32 = 300;
let n = 0;
for (let i: u8 = 250; i < end; i++) n++;
console.log(n);
