// Comparisons across widths and signedness are exact, as on JavaScript numbers.
const a: i32 = -1;
const b: u32 = 4294967295;
const c: u8 = 255;
const d: i8 = -1;
const e: u16 = 0;
console.log(a < b, a === b, a > b, b > c, d < c, d === a, e > d, c === 255, b >= 4294967295);
const xs: i32[] = [-2147483648, -1, 0, 1, 2147483647];
const ys: u32[] = [0, 1, 2147483647, 2147483648, 4294967295];
let lt = 0, eq = 0;
for (const x of xs) for (const y of ys) { if (x < y) lt++; if (x === y) eq++; }
console.log(lt, eq);
const p: i64 = -1n;
const q: u64 = 18446744073709551615n;
console.log(p < q, p === -1n, q > 0n);
