// error: Math.sqrt is not supported
// at: 5:13
// hint: ostc has integers only; Math.trunc/floor of a division, min, max, abs, imul, clz32 and sign are available
const x: i32 = 16;
console.log(Math.sqrt(x));
