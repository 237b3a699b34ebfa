// Sorting: insertion sort, quicksort (Lomuto), merge sort and heap sort on the same data.
function lcg(seed: u32, n: i32): i32[] {
  const out: i32[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) { x = u32(Math.imul(x, 1664525) + 1013904223); out.push(i32(x) >> 8); }
  return out;
}
function insertion(a: i32[]): void {
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}
function quick(a: i32[], lo: i32, hi: i32): void {
  if (lo >= hi) return;
  const p = a[hi];
  let i = lo;
  for (let j = lo; j < hi; j++) if (a[j] < p) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; }
  const t = a[i]; a[i] = a[hi]; a[hi] = t;
  quick(a, lo, i - 1);
  quick(a, i + 1, hi);
}
function merge(a: i32[]): i32[] {
  if (a.length <= 1) return a;
  const mid = a.length >>> 1;
  const l = merge(a.slice(0, mid)), r = merge(a.slice(mid));
  const out: i32[] = [];
  let i = 0, j = 0;
  while (i < l.length && j < r.length) out.push(l[i] <= r[j] ? l[i++] : r[j++]);
  while (i < l.length) out.push(l[i++]);
  while (j < r.length) out.push(r[j++]);
  return out;
}
function heap(a: i32[]): void {
  const n = a.length;
  for (let s: i32 = (n >> 1) - 1; s >= 0; s--) siftDown(a, s, n);
  for (let e = n - 1; e > 0; e--) { const t = a[0]; a[0] = a[e]; a[e] = t; siftDown(a, 0, e); }
}
function siftDown(a: i32[], start: i32, end: i32): void {
  let root = start;
  while (2 * root + 1 < end) {
    let child = 2 * root + 1;
    if (child + 1 < end && a[child] < a[child + 1]) child++;
    if (a[root] >= a[child]) return;
    const t = a[root]; a[root] = a[child]; a[child] = t;
    root = child;
  }
}
function digest(a: i32[]): string { let h: u32 = 0; for (const v of a) h = u32(Math.imul(h, 31) + v); return `${a.length}:${a[0]}:${a[a.length - 1]}:${h}`; }
const a1 = lcg(1, 300), a2 = lcg(1, 300), a4 = lcg(1, 300);
insertion(a1);
quick(a2, 0, a2.length - 1);
heap(a4);
console.log(digest(a1));
console.log(digest(a2));
console.log(digest(merge(lcg(1, 300))));
console.log(digest(a4));
