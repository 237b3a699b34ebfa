// Arithmetic mixing widths: u8 + u8 computes beyond 255, i8 * i8 beyond 127, results widened.
const x: u8 = 200, y: u8 = 100;
const p: i8 = -100, q: i8 = 100;
const r: u16 = 65535;
const sum: i32 = x + y;
const prod: i32 = p * q;
const wide: u32 = r * r;
console.log(sum, prod, wide, x + y, p * q, x - y, y - x, r + 1);
let acc: u32 = 0;
const bytes: u8[] = [255, 255, 255];
for (const v of bytes) acc = acc * 256 + v;
console.log(acc, i32(x) - 300);
