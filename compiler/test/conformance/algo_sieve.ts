// Sieve of Eratosthenes over a boolean array; prime counting and the last primes.
function sieve(n: i32): boolean[] {
  const composite = new Array<boolean>(n + 1).fill(false);
  for (let i = 2; i * i <= n; i++) if (!composite[i]) for (let j = i * i; j <= n; j += i) composite[j] = true;
  return composite;
}
const limit = 100000;
const c = sieve(limit);
let count = 0, last = 0;
for (let i = 2; i <= limit; i++) if (!c[i]) { count++; last = i; }
const firsts: string[] = [];
for (let i = 2; firsts.length < 10; i++) if (!c[i]) firsts.push(`${i}`);
console.log(count, last, firsts.join(" "));
