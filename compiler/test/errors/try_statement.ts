// error: exceptions are not supported
// at: 4:1
// hint: return an error code (a negative errno) instead of throwing
try {
  console.log("x");
} catch (e) {
  console.log("y");
}
