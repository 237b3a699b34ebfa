// Edge cases of searching: empty needles, from-positions, overlapping matches, split on multi-char separators.
const s = "abababa";
console.log(s.indexOf(""), s.indexOf("", 3), s.indexOf("", 100), s.indexOf("aba", 1), s.lastIndexOf("aba"), s.lastIndexOf(""));
console.log(s.includes(""), "".includes(""), "".indexOf("a"), s.startsWith(""), s.endsWith(""), s.startsWith("abababab"));
console.log("a--b--c".split("--").join("|"), "--".split("--").length, "abc".split("abc").length, "aaa".split("a").length);
console.log(s.indexOf("b", -5), s.slice(2, 2) === "", s.substring(5, 2), s.charAt(-1) === "");
