// error: `/` on integers yields a fraction in TypeScript
// at: 5:16
// hint: write Math.trunc(a / b) or Math.floor(a / b) for integer division
const a: i32 = 7;
const b: i32 = a / 2;
console.log(b);
