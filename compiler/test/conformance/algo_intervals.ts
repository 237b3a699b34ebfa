// Merging overlapping intervals (like coalescing free memory regions) after sorting by start.
class Iv { constructor(public lo: u32, public hi: u32) {} }
const ivs: Iv[] = [new Iv(0x5000, 0x6000), new Iv(0x1000, 0x2000), new Iv(0x1800, 0x3000), new Iv(0x6000, 0x7000), new Iv(0xfffff000, 0xffffffff), new Iv(0x3000, 0x3000)];
for (let i = 1; i < ivs.length; i++) { const v = ivs[i]; let j = i - 1; while (j >= 0 && ivs[j].lo > v.lo) { ivs[j + 1] = ivs[j]; j--; } ivs[j + 1] = v; }
const merged: Iv[] = [];
for (const v of ivs) {
  const last = merged.length > 0 ? merged[merged.length - 1] : null;
  if (last !== null && v.lo <= last.hi) last.hi = Math.max(last.hi, v.hi); else merged.push(new Iv(v.lo, v.hi));
}
let total: u64 = 0n;
const parts: string[] = [];
for (const m of merged) { parts.push(`${m.lo}-${m.hi}`); total += BigInt(m.hi - m.lo); }
console.log(parts.join(" "), total);
