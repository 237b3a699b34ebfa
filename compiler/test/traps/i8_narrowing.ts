// trap: value out of range for int8_t
// line: 5
function f(x: i32): i8 {
  const y: i8 = 0;
  return x;
}
console.log(f(127), f(128));
