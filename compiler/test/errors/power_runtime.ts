// error: `**` is only supported on constants
// at: 5:13
// hint: write a loop, or shift for powers of two
let b: i32 = 3;
console.log(b ** 2);
