// toUpperCase/toLowerCase beyond Latin-1, as Node maps case: Greek (with the final sigma),
// Cyrillic, Armenian, Georgian, expansions (ß, ŉ, ﬁ, ΐ, İ), astral scripts, and one-byte text
// whose upper case leaves Latin-1 (µ, ÿ).
console.log("Ελληνικά Αλφάβητο".toUpperCase(), "ΕΛΛΗΝΙΚΆ ΑΛΦΆΒΗΤΟ".toLowerCase());
console.log("ΟΔΟΣ".toLowerCase(), "ΟΔΟΣ ΣΟΦΟΣ.".toLowerCase(), "Σ".toLowerCase(), "ΑΣ'Β ΑΣ' ΑΣ".toLowerCase(), "Σ-Σ ΑΣ1 ΑΣΑ".toLowerCase());
console.log("A\u03a3".toLowerCase(), "\u02b0\u03a3".toLowerCase(), "A\u03a3\u02b0".toLowerCase(), "A\u03a3\u02b0B".toLowerCase(), "\ud801\udc00\u03a3".toLowerCase());
console.log("Москва Санкт-Петербург".toUpperCase(), "ЁЖИК В ТУМАНЕ".toLowerCase(), "Ѐѐ Ѳѳ Ґґ".toUpperCase());
console.log("Հայաստան".toUpperCase(), "ႠႡႢ".toLowerCase(), "ა ბ გ".toUpperCase(), "Ꭰ ꭰ".toLowerCase(), "Ꭰ ꭰ".toUpperCase());
console.log("straße".toUpperCase(), "ŉ ǰ ΐ ΰ և ẞ".toUpperCase(), "ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ ﬓ".toUpperCase(), "ᾳ ᾼ ῳ ᾀ".toUpperCase());
const iDot = "İstanbul".toLowerCase();
console.log(iDot, iDot.length, iDot.charCodeAt(1), "I".toLowerCase(), "ı".toUpperCase(), "ǅ ǈ ǋ".toUpperCase(), "ǅ ǈ ǋ".toLowerCase());
console.log("µ ÿ".toUpperCase(), "µÿß".toUpperCase().length, "ÀÉÎÕÜ".toLowerCase(), "àéîõü".toUpperCase(), "K Å".toLowerCase(), "K Å".toLowerCase() === "k å");
console.log("𐐀𐐁𐐂".toLowerCase(), "𐐨𐐩".toUpperCase(), "𞤀𞤢".toLowerCase(), "𞤀𞤢".toUpperCase(), "𐓀".toLowerCase());
console.log("Ａ Ｂ ｃ".toLowerCase(), "ⓐⓑ".toUpperCase(), "Ⅻ ⅻ".toLowerCase(), "ɐ ɑ ɒ".toUpperCase(), "ꞵ Ʞ".toLowerCase());
const words = ["Ελλάδα", "Россия", "Deutschland", "Ísland", "Türkiye"];
for (const w of words) console.log(w, w.toUpperCase(), w.toLowerCase(), w.toUpperCase().toLowerCase() === w.toLowerCase());
console.log("\ud800 lone \udc00".toUpperCase().length, "ABC\u0130".toLowerCase().length, "\u1e9e".toLowerCase(), "\u2126".toLowerCase());
