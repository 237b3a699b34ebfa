// trap: index out of bounds
// line: 6
const a: i32[] = [1, 2, 3, 4];
const b: i32[] = [1, 2];
let s = 0;
for (let i = 0; i < a.length; i++) s += b[i];
console.log(s);
