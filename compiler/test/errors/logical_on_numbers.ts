// error: `||` on non-boolean values returns one of the operands in TypeScript
// at: 6:13
// hint: use a boolean expression, `??` for null defaults, or a conditional `c ? a : b`
const a: i32 = 0;
const b: i32 = 5;
console.log(a || b);
