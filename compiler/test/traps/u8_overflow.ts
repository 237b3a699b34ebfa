// trap: integer overflow in uint8_t addition
// line: 5
let b: u8 = 250;
for (let i = 0; i < 10; i++) {
  b += 1;
}
console.log(b);
