// error: `/` on integers yields a fraction in TypeScript
// at: 6:13
// hint: write Math.trunc(a / b) or Math.floor(a / b) for integer division
const a: u32 = 7;
const b: u32 = 2;
console.log(a / b);
