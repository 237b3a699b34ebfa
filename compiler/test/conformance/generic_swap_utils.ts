// Small generic utilities: swap in arrays, reverse copy, count matches, first index with a predicate.
function swap<T>(a: T[], i: i32, j: i32): void { const t = a[i]; a[i] = a[j]; a[j] = t; }
function reversed<T>(a: T[]): T[] { const out: T[] = []; for (let i = a.length - 1; i >= 0; i--) out.push(a[i]); return out; }
function count<T>(a: T[], x: T): i32 { let n = 0; for (const v of a) if (v === x) n++; return n; }
const xs: i8[] = [1, -2, 3, -2];
swap(xs, 0, 3);
const ss: string[] = ["x", "y", "x"];
console.log(xs.join(","), reversed(xs).join(","), count(xs, -2), count(ss, "x"), reversed(ss).join(""), count<u64>([1n, 2n, 1n], 1n));
