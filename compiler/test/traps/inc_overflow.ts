// trap: integer overflow in int32_t addition
// line: 5
let x: i32 = 2147483645;
while (true) {
  x++;
}
