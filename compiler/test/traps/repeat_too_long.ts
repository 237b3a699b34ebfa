// trap: invalid string length (RangeError in JavaScript)
// line: 4
const s = "\u263a".repeat(1 << 20);
console.log(s.length, s.repeat(1 << 10).length);
