// Latin-1 text keeps the one-byte form: escapes, é/ÿ, char codes up to 255, Latin-1 case mapping.
const s = "na\u00efve caf\u00e9 \u00a9 \u00ff";
console.log(s, s.length, s.charCodeAt(2), s.charCodeAt(s.length - 1));
let all = "";
for (let c = 160; c < 256; c += 19) all += String.fromCharCode(c);
console.log(all, all.length);
console.log("line1\nline2", "a\tb", "\x41\x42", "nul?".length);
console.log("\u00e9".toUpperCase() === "\u00e9", "ABC\u00c9".toLowerCase());
let every = "";
for (let c = 192; c < 256; c++) if (c !== 0xff) every += String.fromCharCode(c);
console.log(every.toUpperCase(), every.toLowerCase(), "stra\u00dfe".toUpperCase(), "\u00d7\u00f7".toUpperCase());
