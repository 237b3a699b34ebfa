// Strings are values: methods return new strings and never change the original.
const s = "Kernel";
const u = s.toUpperCase(), l = s.toLowerCase(), t = s.slice(1), r = s.repeat(2), p = s.padEnd(8, "_");
console.log(s, u, l, t, r, p, s.length);
let acc = s;
acc += "!";
console.log(s, acc, s === "Kernel", acc === "Kernel!");
