// error: array method sort is not supported
// at: 5:1
// hint: supported: push, pop, indexOf, includes, join, fill, slice, reverse
const xs: i32[] = [3, 1, 2];
xs.sort();
console.log(xs.length);
