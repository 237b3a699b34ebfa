// Emoji and other code points beyond U+FFFF are surrogate pairs: length, charCodeAt, codePointAt,
// for…of (by code point), at/[]/slice that split a pair, lone surrogates (printed as U+FFFD by
// Node), String.fromCodePoint and split("") by code unit.
const s = "a😀b👍🏽c";
console.log(s, s.length, s.charCodeAt(1), s.charCodeAt(2), s.codePointAt(1), s.codePointAt(2), s.codePointAt(4));
let n = 0;
for (const ch of s) { console.log(n, ch, ch.length, ch.codePointAt(0)); n++; }
console.log(n, s.split("").length, s.slice(1, 3) === "😀", s.slice(1, 2).length, s.slice(0, 2), s.slice(2, 4));
console.log(s[1], s.at(2), s.charAt(1), s.charAt(1).charCodeAt(0), s.slice(2, 3) + s.slice(1, 2));
const lone = "x\ud83dy\ude00z";
console.log(lone, lone.length, lone.codePointAt(1), lone.codePointAt(3));
for (const ch of lone) console.log(ch.length, ch.charCodeAt(0));
const joined = "\ud83d" + "\ude00";
console.log(joined, joined === "😀", joined.length, joined.codePointAt(0));
console.log(String.fromCodePoint(0x1f600, 0x41, 0x10ffff).length, String.fromCodePoint(0x1f389), String.fromCodePoint(0x20bb7), String.fromCodePoint(0x41, 0xe9, 0x263a));
console.log(String.fromCharCode(0xd83d, 0xde00), String.fromCharCode(0xd83d), "🎉".split("").length, "🎉🎊".split("").join("|"));
console.log("😀😃😄".indexOf("😃"), "😀😃😄".lastIndexOf("\ude04"), "😀😃😄".includes("😄"), "😀😃😄".startsWith("\ud83d"), "😀".endsWith("\ude00"));
console.log("x".padStart(4, "😀"), "x".padStart(4, "😀").length, "x".padEnd(3, "😀") === "x😀", "x".padEnd(2, "😀").codePointAt(1));
console.log("😀".repeat(3), "😀".repeat(3).length, "[" + "😀 🙂".split(" ").join("][") + "]");
let count = 0;
let units = 0;
for (const ch of "👨‍👩‍👧 family 🇯🇵 flag") { count++; units += ch.length; }
console.log(count, units);
console.log(`${"\ud800"}|${"\udfff"}|${"\ud800\udfff"}`, "\ud800" < "\ud800\udc00", "\uffff" > "\ud83d\ude00");
