// trap: index out of bounds
// line: 8
const a: i32[] = [1, 2, 3, 4];
let s = 0;
for (let i = 0; i < a.length; i++) {
  a.pop();
  a.pop();
  s += a[i];
}
console.log(s);
