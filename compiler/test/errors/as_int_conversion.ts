// error: `as u32` does not convert a i32 at run time in TypeScript
// at: 5:11
// hint: write u32(x) for a wrapping conversion, or assign it to a u32 variable for a checked one
let a: i32 = -1;
const b = a as u32;
console.log(b);
