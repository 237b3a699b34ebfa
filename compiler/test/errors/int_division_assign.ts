// error: `/=` on integers yields a fraction in TypeScript
// at: 5:1
// hint: write x = Math.trunc(x / y)
let x: i32 = 10;
x /= 3;
console.log(x);
