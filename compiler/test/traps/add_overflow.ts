// trap: integer overflow in int32_t addition
// line: 5
let x: i32 = 2147483600;
for (let i = 0; i < 100; i++) {
  x = x + 1;
}
console.log(x);
