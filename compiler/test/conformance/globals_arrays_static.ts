// Module-level arrays sized by constants, filled at startup and mutated by functions.
const SIZE = 16;
const counts = new Array<u32>(SIZE).fill(0);
const names = new Array<string>(4).fill("?");
function hit(k: i32): void { counts[k % SIZE]++; }
for (let i = 0; i < 100; i++) hit(i * 7);
names[2] = "two";
let total: u32 = 0;
for (const c of counts) total += c;
console.log(counts.join(" "), total, names.join(","), counts.length);
