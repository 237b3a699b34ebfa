// trap: index out of bounds
// line: 7
const a: i32[] = [1, 2, 3, 4];
let s = 0;
for (let i = 0; i < a.length; i++) {
  if (i === 2) i = 10;
  s += a[i];
}
console.log(s);
