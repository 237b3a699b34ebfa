// Numeric literal forms: hex, octal, binary, separators, and their bigint versions.
const a = 0xff_ff, b = 0o7_7, c = 0b1111_0000, d = 1_000_000;
const e: u64 = 0xffff_ffff_ffff_ffffn, f: i64 = -0b1n, g: u32 = 0xFFFF_FFFF;
console.log(a, b, c, d, e, f, g, 0x0, 0b0, 0o0, 1e3 === 1000);
