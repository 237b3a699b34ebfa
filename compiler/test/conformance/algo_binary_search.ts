// Binary search (lower bound) over sorted u32 arrays, including values near 2^32.
function lowerBound(a: u32[], x: u32): i32 {
  let lo = 0, hi = a.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (a[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}
const a: u32[] = [];
for (let i: u32 = 0; i < 1000; i++) a.push(i * 4294967);
console.log(lowerBound(a, 0), lowerBound(a, 1), lowerBound(a, 4294967), lowerBound(a, 4290000000), lowerBound(a, 4294967295), a[999]);
