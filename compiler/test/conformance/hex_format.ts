// Formatting numbers in hex and binary by hand, as a kernel's printk does.
const HEX = "0123456789abcdef";
function hex(v: u32, width: i32): string {
  let s = "";
  let x = v;
  do { s = HEX.charAt(i32(x & 15)) + s; x = x >>> 4; } while (x !== 0);
  return "0x" + s.padStart(width, "0");
}
function bin(v: u8): string {
  let s = "";
  for (let i = 7; i >= 0; i--) s += (v >> i) & 1 ? "1" : "0";
  return s;
}
function hex64(v: u64): string {
  let s = "";
  let x = v;
  for (let i = 0; i < 16; i++) { s = HEX.charAt(Number(x & 15n)) + s; x >>= 4n; }
  return s;
}
console.log(hex(0, 8), hex(0xdeadbeef, 8), hex(255, 2), hex(4096, 1), bin(0xa5), bin(0), bin(255));
console.log(hex64(18446744073709551615n), hex64(0x123456789abcdefn));
