// error: exceptions are not supported
// at: 5:14
// hint: return an error code (a negative errno) or call panic()
function check(x: i32): void {
  if (x < 0) throw new Error("negative");
}
check(1);
console.log("ok");
