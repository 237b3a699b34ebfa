// trap: charCodeAt index out of range
// line: 4
const s = "abc";
console.log(s.charCodeAt(3));
