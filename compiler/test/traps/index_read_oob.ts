// trap: index out of bounds
// line: 5
const xs: i32[] = [1, 2, 3];
let s = 0;
for (let i = 0; i <= xs.length; i++) s += xs[i];
console.log(s);
