// u64: 0..2^64-1 as bigints, 2^53-1, shifts and bit operations.
const max: u64 = 18446744073709551615n;
const two32: u64 = 4294967296n;
const safe: u64 = 9007199254740991n;
console.log(max, two32, safe, safe * 2n + 1n);
console.log(max - two32, max / two32, max % two32, max >> 32n, two32 << 20n);
console.log(u64(-1), u64(max + 1n), u64(-2n), u64(4294967295));
let h: u64 = 14695981039346656037n;
const data = "hello";
for (let i = 0; i < data.length; i++) {
  h ^= BigInt(data.charCodeAt(i));
  h = u64(h * 1099511628211n);
}
console.log(h);
console.log(max & 0xffffn, max ^ two32, (two32 - 1n) | (two32 << 1n));
console.log(max > safe, two32 === 4294967296n, max !== 0n);
