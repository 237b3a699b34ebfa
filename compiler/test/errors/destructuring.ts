// error: destructuring declarations are not supported
// at: 4:7
const xs: i32[] = [1, 2];
const [a, b] = xs;
console.log(a + b);
