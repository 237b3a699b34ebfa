// Math.abs/min/max at the edges of each width, and of mixed signed/unsigned arguments.
const i8min: i8 = -128, u8max: u8 = 255, i16min: i16 = -32768, i32min1: i32 = -2147483647;
console.log(Math.abs(i8min), Math.abs(i16min), Math.abs(i32min1), Math.max(i8min, u8max), Math.min(i8min, u8max));
const a: u32 = 4294967295, b: i32 = -1;
console.log(Math.max(i32(a), b), Math.min(u32(b), a), Math.min(a, 0), Math.max(b, 0));
let s8: i8 = -100;
let u8v: u8 = 200;
const m: i32 = Math.max(s8, u8v) + Math.min(s8, u8v, 7);
console.log(Math.max(s8, u8v), Math.min(s8, u8v), m, Math.max(a, 5), Math.min(b, -2147483648));
