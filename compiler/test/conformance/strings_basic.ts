// Strings: length, charCodeAt, charAt, indexing, slice, substring, concatenation, comparison.
const s = "Hello, World";
console.log(s.length, s.charCodeAt(0), s.charCodeAt(11), s.charAt(4), s.charAt(99) === "", s[7]);
console.log(s.slice(7), s.slice(-5), s.slice(0, -7), s.slice(3, 1) === "", s.slice(-100, 2));
console.log(s.substring(7), s.substring(5, 0), s.substring(-3, 2), s.substring(4, 4) === "");
const t = "Hello" + ", " + "World";
console.log(t === s, t !== "hello", "abc" < "abd", "ab" < "abc", "B" < "a", "z" > "aa", "abc" <= "abc", "b" >= "c");
let built = "";
for (let i = 0; i < 5; i++) built += String.fromCharCode(65 + i);
built += 42;
built += true;
console.log(built, built.length);
const n: i32 = -7;
const big: u64 = 18446744073709551615n;
console.log("n=" + n + ", big=" + big + ", b=" + false);
