// error: `number` has no fixed width
// at: 4:15
// hint: write an integer type: i8, u8, i16, u16, i32, u32, usize or isize
function f(x: number): i32 { return 0; }
console.log(f(1));
