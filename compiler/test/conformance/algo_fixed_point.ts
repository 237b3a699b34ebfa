// Fixed-point arithmetic in 16.16 format: multiplication, division, square root by Newton's method.
const ONE: i32 = 1 << 16;
function fmul(a: i32, b: i32): i32 { return Number((BigInt(a) * BigInt(b)) >> 16n); }
function fdiv(a: i32, b: i32): i32 { return Number((BigInt(a) << 16n) / BigInt(b)); }
function fsqrt(x: i32): i32 { let g = x > ONE ? x >> 1 : ONE; for (let i = 0; i < 20; i++) g = (g + fdiv(x, g)) >> 1; return g; }
function show(v: i32): string { const whole = v >> 16; const frac = Math.trunc((v & 0xffff) * 1000 / 65536); return `${whole}.${String(frac).padStart(3, "0")}`; }
const two = 2 * ONE, three = 3 * ONE + (ONE >> 1);
console.log(show(fmul(two, three)), show(fdiv(three, two)), show(fsqrt(two)), show(fsqrt(100 * ONE)), show(fmul(-three, two)));
