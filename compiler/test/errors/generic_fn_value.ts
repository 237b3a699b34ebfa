// error: a generic function cannot be used as a value
// at: 4:28
function id<T>(x: T): T { return x; }
const f: (x: i32) => i32 = id;
console.log(f(1));
