// trap: codePointAt index out of range (undefined in JavaScript)
// line: 4
const s = "\ud83d\ude00";
console.log(s.codePointAt(0), s.codePointAt(1), s.codePointAt(2));
