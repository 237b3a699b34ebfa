// error: negating a u32 gives a value that needs more than 32 bits
// at: 5:13
// hint: convert first: -i32(x)
let x: u32 = 5;
console.log(-x);
