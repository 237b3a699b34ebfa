// error: `i32 | null`: only references (classes, strings, arrays, functions) can be null
// at: 3:15
function f(x: i32 | null): i32 { return x ?? 0; }
console.log(f(null));
