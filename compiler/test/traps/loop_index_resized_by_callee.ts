// trap: index out of bounds
// line: 11
const g: i32[] = [1, 2, 3, 4];
function shrink(): void {
  g.pop();
  g.pop();
}
let s = 0;
for (let i = 0; i < g.length; i++) {
  shrink();
  s += g[i];
}
console.log(s);
