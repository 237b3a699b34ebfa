// error: typeof at run time is not supported: types are known at compile time
// at: 4:13
const x: i32 = 1;
console.log(typeof x === "number");
