// trap: division by zero
// line: 5
function q(a: i32, b: i32): i32 {
  console.log("dividing", a, b);
  return Math.trunc(a / b);
}
q(7, 2); q(7, 0);
