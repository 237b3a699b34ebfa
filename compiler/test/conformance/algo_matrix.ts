// Integer matrix multiplication and exponentiation (Fibonacci via 2x2 matrices in u64).
function mul(a: u64[][], b: u64[][], m: u64): u64[][] {
  const n = a.length;
  const c: u64[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<u64>(n).fill(0n);
    for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) row[j] = (row[j] + a[i][k] * b[k][j]) % m;
    c.push(row);
  }
  return c;
}
function fibMod(n: u64, m: u64): u64 {
  let r: u64[][] = [[1n, 0n], [0n, 1n]];
  let base: u64[][] = [[1n, 1n], [1n, 0n]];
  let e = n;
  while (e > 0n) { if ((e & 1n) === 1n) r = mul(r, base, m); base = mul(base, base, m); e >>= 1n; }
  return r[0][1];
}
console.log(fibMod(10n, 1000000007n), fibMod(90n, 4294967291n) , fibMod(1000000000000n, 1000000007n));
const a: i32[][] = [[1, 2, 3], [4, 5, 6]];
const b: i32[][] = [[7, 8], [9, 10], [11, 12]];
const out: string[] = [];
for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) { let s = 0; for (let k = 0; k < 3; k++) s += a[i][k] * b[k][j]; out.push(`${s}`); }
console.log(out.join(" "));
