// error: spread is not supported
// at: 4:19
const a: i32[] = [1, 2];
const b: i32[] = [...a, 3];
console.log(b.length);
