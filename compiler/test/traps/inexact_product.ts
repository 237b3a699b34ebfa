// trap: intermediate result beyond 2^53 is inexact in TypeScript
// line: 5
let h: u32 = 2166136261;
for (let i = 0; i < 4; i++) {
  h = u32((h ^ i) * 16777619);
}
console.log(h);
