// String ordering by UTF-16 code units (here Latin-1 bytes), sorting strings with insertion sort.
const words: string[] = ["banana", "Apple", "cherry", "apple", "", "b", "\u00e9t\u00e9", "zoo", "app"];
for (let i = 1; i < words.length; i++) {
  const w = words[i];
  let j = i - 1;
  while (j >= 0 && words[j] > w) { words[j + 1] = words[j]; j--; }
  words[j + 1] = w;
}
console.log(words.join("|"));
console.log("a" < "b", "a" < "B", "abc" < "ab", "" < "a", "same" === "sa" + "me", "x" >= "x", "\u00e9" > "z");
