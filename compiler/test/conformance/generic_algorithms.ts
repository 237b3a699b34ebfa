// Generic functions with function parameters: map/filter/reduce style over several element types.
function filter<T>(xs: T[], keep: (x: T) => boolean): T[] { const out: T[] = []; for (const x of xs) if (keep(x)) out.push(x); return out; }
function mapTo<A, B>(xs: A[], f: (x: A) => B): B[] { const out: B[] = []; for (const x of xs) out.push(f(x)); return out; }
function reduce<T, R>(xs: T[], init: R, f: (acc: R, x: T) => R): R { let acc = init; for (const x of xs) acc = f(acc, x); return acc; }
function isOdd(x: i32): boolean { return (x & 1) === 1; }
function square(x: i32): u64 { return BigInt(x) * BigInt(x); }
function addBig(acc: u64, x: u64): u64 { return acc + x; }
function shout(s: string): string { return s.toUpperCase() + "!"; }
function longer(acc: string, s: string): string { return s.length > acc.length ? s : acc; }
const nums: i32[] = [1, 2, 3, 4, 5, 6, 7, 100001];
const odds = filter(nums, isOdd);
console.log(odds.join(" "), reduce(mapTo(odds, square), 0n, addBig));
const words: string[] = ["a", "kernel", "is", "small"];
console.log(mapTo(words, shout).join(" "), reduce(words, "", longer));
