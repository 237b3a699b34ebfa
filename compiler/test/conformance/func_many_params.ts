// Functions with many parameters of mixed widths and types, called with expressions.
function pack(a: u8, b: u8, c: u16, d: i8, e: i32, f: u32, g: boolean, h: string, i: i64, j: u64): string {
  return `${a}|${b}|${c}|${d}|${e}|${f}|${g}|${h}|${i}|${j}`;
}
const x: i32 = 7;
console.log(pack(255, u8(x * 40), 65535, -128, x - 2147483647, 4294967295, x > 6, "s" + x, -5n * 3n, 18446744073709551615n));
function sum6(a: i32, b: i32, c: i32, d: i32, e: i32, f: i32): i32 { return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6; }
console.log(sum6(1, 2, 3, 4, 5, 6), sum6(-1, -1, -1, -1, -1, -1));
