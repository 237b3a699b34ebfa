// CJK and other two-byte text: length, search, slicing, split/join, repeat and padding by UTF-16
// code unit, mixed with one-byte text.
const text = "東京は日本の首都です。Tokyo is the capital of 日本.";
console.log(text, text.length, text.charCodeAt(0), text.charCodeAt(11), text.charCodeAt(12));
console.log(text.indexOf("日本"), text.indexOf("日本", 4), text.lastIndexOf("日本"), text.lastIndexOf("日本", 30), text.indexOf("大阪"));
console.log(text.includes("首都"), text.includes("Tokyo", 20), text.startsWith("東京"), text.startsWith("は", 2), text.endsWith("日本."), text.endsWith("首都", 7));
console.log(text.slice(0, 2), text.slice(-3), text.slice(11, 16), text.substring(7, 3), text.charAt(5), text[6], text.at(-1));
const words = "一 二 三 四".split(" ");
console.log(words.length, words.join("、"), words[2], "甲乙丙".split("").join("/"), "甲,乙,,丙".split(",").length, "a、b、c".split("、", 2).join("+"));
console.log("漢字".repeat(3), "五".padStart(4, "〇"), "七".padEnd(6, "八九"), "x".padStart(4, "字"), "abc".padStart(5, "日本"));
let built = "";
for (let i = 0; i < 5; i++) built += String.fromCharCode(0x4e00 + i) + i;
console.log(built, built.length, built.indexOf("2"), built.indexOf("\u4e03"));
const mixed = "ASCII " + "中文" + " Latin-1 café";
console.log(mixed, mixed.length, mixed.slice(0, 6).length, mixed.slice(6, 8), mixed.slice(9), mixed.toUpperCase());
console.log(`template ${text.slice(0, 2)} ${42} ${true} ${"é"}`, `${"中"}${"文"}` === "中文", "中" + "文" === "中文");
console.log(["b", "中", "a", "日", "é", "Z"].join() < "c", "中" > "z", "日本" < "日本語", "日本" === "日本語".slice(0, 2));
const sorted = ["日本", "abc", "中国", "été", "Zebra", "한국", "Ελλάδα", "Россия"];
for (let i = 1; i < sorted.length; i++) {
  const v = sorted[i];
  let j = i - 1;
  while (j >= 0 && sorted[j] > v) { sorted[j + 1] = sorted[j]; j--; }
  sorted[j + 1] = v;
}
console.log(sorted.join(" < "));
