// error: cannot infer the return type
// at: 4:10
// hint: annotate it, e.g. `): u32`
function f(x: i32) {
  return null;
}
console.log(f(1) === null);
