// trap: index out of bounds
// line: 5
const xs: string[] = ["a"];
const i: i32 = -1;
console.log(xs[i]);
