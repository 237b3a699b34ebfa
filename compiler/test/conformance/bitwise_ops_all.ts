// Every bitwise operator on signed and unsigned operands of several widths.
const vals: i32[] = [0, 1, -1, 0x7fffffff, -0x80000000, 0x55555555, -0x55555556, 12345];
let out = "";
for (const a of vals) {
  for (const b of [3, -3, 31, 32]) {
    out += `${a & b} ${a | b} ${a ^ b} ${a << b} ${a >> b} ${a >>> b};`;
  }
}
console.log(out.length, out.slice(0, 200));
let h: i32 = 0;
for (let i = 0; i < out.length; i++) h = (h << 5) - h + out.charCodeAt(i) | 0;
console.log(h);
const u8v: u8 = 0xf0, i8v: i8 = -16;
console.log(u8v & i8v, u8v | i8v, u8v ^ i8v, ~u8v, ~i8v, u8v >> 2, i8v >> 2, i8v >>> 28);
