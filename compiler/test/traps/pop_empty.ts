// trap: pop from an empty array
// line: 5
const xs: i32[] = [1];
xs.pop();
const y = xs.pop()!;
console.log(y);
