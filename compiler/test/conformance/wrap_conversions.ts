// Wrapping conversions keep the low bits of the exact value, as under Node.
let h: u32 = 2166136261;
const text = "The quick brown fox";
for (let i = 0; i < text.length; i++) {
  h = u32(Math.imul(h ^ text.charCodeAt(i), 16777619));
}
console.log(h);
let a: u32 = 4000000000;
let b: u32 = 3000000000;
console.log(u32(a + b), i32(a + b), u16(a + b), u8(a - b), i8(b - a), u32(a - b - b));
let x: i32 = -5;
console.log(u32(x), u16(x), u8(x), i8(x * 100), i16(x * 10000), u32(-x * 3));
let acc: u32 = 0;
for (let i: u32 = 0; i < 100; i++) acc = u32(acc * 31 + i);
console.log(acc);
let s: i32 = 0;
for (let i = 0; i < 50; i++) s = i32(s * 33 + (s >>> 5) + i);
console.log(s);
console.log(i32(a), i32(b), u32(i32(a)), u64(x), i64(a), u64(i64(-1) * 3n), i64(u64(18446744073709551615n) + 2n));
const c = true;
console.log(u8(c ? a + 7 : b), u32(c ? -1 : 1), i32((a + b) | 0), (a + b) >>> 0, ((a * 3) & 0xffff) + 1);
