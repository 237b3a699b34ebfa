// for, while, do-while, for-of over arrays and strings; break and continue.
let s = 0;
for (let i = 0; i < 10; i++) { if (i === 3) continue; if (i === 8) break; s += i; }
console.log(s);
let n: u32 = 27, steps = 0;
while (n !== 1) { n = (n & 1) === 1 ? 3 * n + 1 : n >>> 1; steps++; }
console.log(steps);
let k = 0;
do { k += 5; } while (k < 3);
console.log(k);
do k--; while (k > 0);
console.log(k);
for (const ch of "abc") console.log(ch, ch.charCodeAt(0));
const words: string[] = ["x", "yy", "zzz"];
for (const w of words) { if (w.length === 2) continue; console.log(w); }
let j = 0;
for (;;) { if (++j >= 4) break; }
console.log(j);
for (let a = 0, b = 10; a < b; a += 3, b -= 2) console.log(a, b);
let m = 0;
for (m = 5; m > 0; m--) { }
console.log(m);
