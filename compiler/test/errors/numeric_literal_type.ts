// error: union types other than `T | null` are not supported
// at: 3:15
function f(x: 1 | 2): i32 { return x; }
console.log(f(1));
