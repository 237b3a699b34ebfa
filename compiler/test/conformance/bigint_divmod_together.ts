// Quotient and remainder of the same 64-bit division in one function: gcc calls __divmoddi4
// (and __udivmoddi4 for u64), which the runtime provides.
function split(t: i64): string {
  const s = t / 1000000000n;
  const r = t % 1000000000n;
  return `${s}.${r}`;
}
function usplit(t: u64, d: u64): string {
  return `${t / d} ${t % d}`;
}
const xs: i64[] = [0n, 1n, -1n, 999999999n, 1000000000n, -1000000001n, 9223372036854775807n, -9223372036854775807n, 123456789012345678n];
for (const x of xs) console.log(split(x));
console.log(usplit(18446744073709551615n, 10n), usplit(18446744073709551615n, 4294967296n), usplit(12345n, 18446744073709551615n));
