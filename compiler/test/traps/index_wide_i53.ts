// trap: index out of bounds
// line: 7
// An index beyond 32 bits must not wrap around to a valid element.
const a: u32[] = [10, 20, 30];
let u: u32 = 4294967295;
let s: i32 = 1;
console.log(a[u + s]);
