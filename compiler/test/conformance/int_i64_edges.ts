// i64: bigint limits, 2^53 and beyond exactly, arithmetic and comparison.
const min: i64 = -9223372036854775808n;
const max: i64 = 9223372036854775807n;
const safe: i64 = 9007199254740991n;
console.log(min, max, safe, safe + 1n, safe + 2n);
console.log(max - 1n, min + 1n, min + max, -max);
let p: i64 = 1n;
for (let i = 0; i < 62; i++) p *= 2n;
console.log(p, p - 1n + p, -p * 2n);
console.log(max / 3n, min / 7n, max % 1000n, min % 1000n, -7n / 2n, -7n % 2n, 7n % -2n);
console.log(i64(max + 0n), i64(2n ** 63n), i64(-1), i64(4294967295));
console.log(min < max, safe > 9007199254740990n, max === 9223372036854775807n);
const xs: i64[] = [min, -1n, 0n, 1n, max];
console.log(xs.length, xs[0] < xs[1], xs[4] > xs[3]);
console.log(`${min} ${max}`, String(safe));
