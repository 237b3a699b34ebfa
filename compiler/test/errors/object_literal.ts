// error: object literals are not supported
// at: 4:11
// hint: declare a class and construct it with new
const p = { x: 1, y: 2 };
console.log(p.x);
