// error: union types other than `T | null` are not supported
// at: 3:8
let x: i32 | string = 5;
console.log(x);
