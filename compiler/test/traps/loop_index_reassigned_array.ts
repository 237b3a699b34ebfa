// trap: index out of bounds
// line: 8
let a: i32[] = [1, 2, 3, 4];
const short: i32[] = [7];
let s = 0;
for (let i = 0; i < a.length; i++) {
  if (i === 2) a = short;
  s += a[i];
}
console.log(s);
