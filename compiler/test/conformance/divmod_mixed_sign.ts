// `%` and Math.trunc(a / b) between a u32 and a signed 32-bit value (joined to i53, computed in
// 32 bits by ostc): signs, extremes, and the result used in further arithmetic.
function mod(a: u32, b: i32): void {
  // `+ 0` turns JavaScript's -0 (0 / -1, -4096 % 4096) into 0, which is all an integer can hold.
  console.log(a % b, Math.trunc(a / b) + 0, a === 0 ? 0 : (b % a) + 0, a === 0 ? 0 : Math.trunc(b / a) + 0);
}
function modSigned(a: i32, b: u32): void {
  console.log((a % b) + 0, Math.trunc(a / b) + 0, (a % b) + b);
}
const us: u32[] = [0, 1, 7, 4096, 2147483647, 2147483648, 4294967295];
const ss: i32[] = [1, -1, 3, -3, 4096, -4096, 2147483647, -2147483648];
for (const a of us) for (const b of ss) mod(a, b);
for (const a of ss) for (const b of us) if (b !== 0) modSigned(a, b);
let pfn: u32 = 1 << 20;
let aligned = 0;
for (let order = 0; order < 12; order++) if (pfn % (1 << order) === 0) aligned++;
console.log(aligned);
