// One-byte and two-byte strings mixed: concatenation, comparison and equality by code units
// whatever the form (a two-byte result whose units all fit in a byte equals its one-byte twin),
// switch on non-Latin-1 strings, templates, Fmt parameters and console.log format strings.
function describe(label: Fmt, n: i32): string { return `${label}=${n}`; }
const wide = "π≈3.14159";
const narrow = "pi=3.14159";
console.log(wide + narrow, narrow + wide, (wide + narrow).length, wide.slice(2) === narrow.slice(3), wide.slice(1, 2) === "≈");
console.log("Ā".toLowerCase() === "ā", "\u212a".toLowerCase() === "k", "\u212a".toLowerCase().length, ("k" + "\u212a".toLowerCase()) === "kk");
const cut = ("€" + "abc").slice(1);
console.log(cut === "abc", cut < "abd", cut.indexOf("b"), "abc".indexOf(cut), cut.concat("€", "d", "é"));
console.log("é" < "€", "€" < "é", "z" < "é", "Ω" > "é", "a€" < "a€b", "a€b" < "a€", "€" === "\u20ac", cut !== "€");
function kind(s: string): string {
  switch (s) {
    case "α": return "alpha";
    case "β": return "beta";
    case "é": return "e-acute";
    case "日本": return "japan";
    default: return "other";
  }
}
console.log(kind("α"), kind("β"), kind("é"), kind("日" + "本"), kind("ab".slice(0, 1)), kind(String.fromCharCode(0x3b1)));
console.log(describe(`μ${1}→${"∞"}`, 5), describe("ascii", 7), `${"€"}${100}${"€"}`.length);
console.log("→ %s ← %d%% %s", "☺", 42, "é", "tail ✓");
console.log("%s", "x", "€");
const parts: string[] = [];
for (let i = 0; i < 6; i++) parts.push(i % 2 === 0 ? String(i) : String.fromCharCode(0x2460 + i));
console.log(parts.join(""), parts.join("·"), parts.join("").length, parts.indexOf("②"), parts.includes("③"));
let acc = "";
for (let i = 0; i < 4; i++) acc = acc + (i === 2 ? "Ж" : "z");
console.log(acc, acc.length, acc.toLowerCase());
