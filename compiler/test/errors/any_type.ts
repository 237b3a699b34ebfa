// error: `any` is not supported: ostc needs a concrete type
// at: 3:15
function f(x: any): i32 { return 1; }
console.log(f(1));
