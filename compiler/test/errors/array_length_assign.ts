// error: assigning to length is not supported
// at: 5:1
// hint: use pop() or build a new array
const xs: i32[] = [1, 2, 3];
xs.length = 1;
console.log(xs.length);
