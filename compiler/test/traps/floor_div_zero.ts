// trap: division by zero
// line: 4
const zero: i32 = Number("".length);
console.log(Math.floor(-5 / zero));
