// Checked narrowing on assignment succeeds when the value fits: wider results stored into narrow variables.
let a: u8 = 0;
let b: i8 = 0;
let c: u16 = 0;
const big: i32 = 1000;
for (let i = 0; i < 5; i++) {
  a = big - 800 + i;
  b = i * 20 - 50;
  c = big * 60 + i;
}
const arr: u8[] = [0, 0];
arr[0] = big >> 3;
arr[1] = 255 & big;
console.log(a, b, c, arr.join(","));
function toByte(x: i32): u8 { return x & 0xff; }
console.log(toByte(-1), toByte(256 + 7));
