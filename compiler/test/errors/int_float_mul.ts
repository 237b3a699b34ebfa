// error: floating-point numbers are not supported
// at: 5:17
// hint: ostc compiles integer types; scale the value, e.g. work in thousandths
const x: i32 = 3;
console.log(x * 0.5);
