// error: unary + converts to a floating-point number
// at: 5:13
// hint: drop it: the value is already an integer
const x: i32 = 5;
console.log(+x);
