// error: floating-point numbers are not supported
// at: 4:16
// hint: ostc compiles integer types; scale the value, e.g. work in thousandths
const x: i32 = 1.5;
console.log(x);
