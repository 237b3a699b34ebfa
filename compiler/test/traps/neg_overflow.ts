// trap: integer overflow in int32_t negation
// line: 5
function neg(v: i32): i32 {
  console.log("negating", v);
  return -v;
}
neg(-2147483647);
neg(-2147483648);
