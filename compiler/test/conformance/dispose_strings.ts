// dispose() of strings: run-time strings (concatenation, templates, slices, String.fromCharCode,
// join) are released and their memory reused while other strings stay intact; literals, the
// empty string and module-level constants are left alone, so disposing them is harmless.
const GREETING = "hello";
let seed: u32 = 99;
function rnd(n: u32): u32 {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
}
function make(i: u32): string {
  const k = rnd(4);
  if (k === 0) return `item-${i}-${rnd(1000)}`;
  if (k === 1) return GREETING + String(i);
  if (k === 2) return "abcdefghijklmnopqrstuvwxyz".repeat(1 + (i % 5)).slice(i % 7);
  return ["x", String(i), "y"].join(":");
}
const live = new Array<string>(32).fill("");
const copies = new Array<string>(32).fill("");
let checks = 0, bad = 0;
for (let round: u32 = 0; round < 3000; round++) {
  const slot = rnd(32);
  const old = live[slot];
  if (old !== copies[slot] || old.length !== copies[slot].length) bad++;
  checks++;
  dispose(old);
  const s = make(round);
  live[slot] = s;
  dispose(copies[slot]);
  copies[slot] = ("#" + s).slice(1); // a copy of its own: s + "" would be s itself
}
console.log(checks, bad);
// Literals and static strings: disposing them does nothing, and they still read the same.
const lit = "literal";
dispose(lit);
dispose(GREETING);
dispose("");
console.log(lit, GREETING, lit.length + GREETING.length);
// A string from characters, disposed after use.
let built = "";
for (let c = 65; c < 75; c++) {
  const next = built + String.fromCharCode(c);
  dispose(built);
  built = next;
}
console.log(built);
const maybe: string | null = null;
dispose(maybe);
