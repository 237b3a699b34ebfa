// trim, trimStart and trimEnd remove JavaScript's white space and line terminators, including
// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF; checked over
// every BMP code unit against Node.
const padded = "\u00a0\u3000\ufeff\u2028 text \u2029\u202f\u205f\u1680\t\n";
console.log(`[${padded.trim()}]`, `[${padded.trimStart()}]`.length, `[${padded.trimEnd()}]`.length, padded.length);
console.log(`[${"\u200b zero width \u200b".trim()}]`, `[${"\u180e mongolian \u180e".trim()}]`, `[${"\u0085 nel \u0085".trim()}]`);
let spaces = "";
let h: u32 = 2166136261;
for (let c = 0; c < 0x10000; c++) {
  const ch = String.fromCharCode(c);
  const t = (ch + "x" + ch).trim();
  if (t.length === 1) spaces += c.toString() + " ";
  h = Math.imul(h ^ t.length, 16777619) >>> 0;
}
console.log(spaces, h);
console.log("\u3000b\u3000".trim() === "b", " é ".trim() === "é", "中 ".trimEnd() + "|");
