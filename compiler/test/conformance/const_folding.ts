// Constant expressions fold to the same values Node computes.
const K1 = 1 << 20;
const K2 = (K1 - 1) & 0xff0f;
const K3 = 0xdeadbeef >>> 4;
const K4 = -(7 * 6) % 5;
const K5 = Math.trunc(-1000 / 7) + Math.floor(-1000 / 7);
const K6 = 2 ** 10 + 3 ** 3;
const K7: u64 = 2n ** 63n - 1n + 2n ** 63n;
const K8 = ~0xff ^ 0x0f;
const K9 = 4294967295 - 1;
const K10: i32 = -2147483648;
console.log(K1, K2, K3, K4, K5, K6, K7, K8, K9, K10, K10 + 1);
const SIZES: u32[] = [K1 >>> 10, K3 >>> 20, 1_000_000, 0b1011, 0o17, 0xFF];
console.log(SIZES.join(" "));
