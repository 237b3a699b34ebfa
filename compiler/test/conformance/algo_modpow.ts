// Modular exponentiation and a Miller-Rabin test with u64 arithmetic (products stay below 2^64).
function mulmod(a: u64, b: u64, m: u64): u64 { return (a * b) % m; }
function powmod(base: u64, exp: u64, m: u64): u64 {
  let r: u64 = 1n, b = base % m, e = exp;
  while (e > 0n) { if ((e & 1n) === 1n) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1n; }
  return r;
}
function isPrime(n: u64): boolean {
  if (n < 2n) return false;
  const small: u64[] = [2n, 3n, 5n, 7n, 11n, 13n];
  for (const p of small) if (n % p === 0n) return n === p;
  let d = n - 1n, s = 0;
  while ((d & 1n) === 0n) { d >>= 1n; s++; }
  for (const a of small) {
    let x = powmod(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let r = 1; r < s; r++) { x = mulmod(x, x, n); if (x === n - 1n) { composite = false; break; } }
    if (composite) return false;
  }
  return true;
}
console.log(powmod(2n, 100n, 1000000007n), powmod(3n, 4294967295n, 4294967291n));
const found: string[] = [];
for (let n: u64 = 4294967000n; n < 4294967300n; n++) if (isPrime(n)) found.push(String(n));
console.log(found.join(" "), isPrime(4294967291n), isPrime(4294967297n));
