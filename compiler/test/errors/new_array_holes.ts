// error: new Array(n) has n empty slots (undefined) in TypeScript
// at: 4:12
// hint: write new Array<T>(n).fill(value)
const xs = new Array<i32>(4);
console.log(xs.length);
