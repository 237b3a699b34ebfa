// error: expected 2 argument(s), got 1
// at: 5:13
// hint: optional parameters and defaults are not supported yet
function f(a: i32, b: i32 = 2): i32 { return a + b; }
console.log(f(1));
