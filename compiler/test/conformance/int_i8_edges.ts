// i8: edge values, arithmetic near the limits, widening and wrapping conversions.
const min: i8 = -128;
const max: i8 = 127;
let zero: i8 = 0;
let m1: i8 = -1;
console.log(min, max, zero, m1);
const widened: i32 = min + max;
console.log(widened, min - 0, max + 0);
let x: i8 = max;
x--;
console.log(x, x + 1, i8(x + 2), i8(min - 1), i8(256), i8(-129));
let y: i8 = min;
y++;
console.log(y, -y, y * 2, i32(min) * i32(min));
const arr: i8[] = [min, -1, 0, 1, max];
let sum: i32 = 0;
for (const v of arr) sum += v;
console.log(sum, arr[0] < arr[4], arr[1] === m1);
console.log(i8(0x80), i8(0xff), i8(0x7f), i8(1000), i8(-1000));
