// trap: index out of bounds
// line: 4
const xs = new Array<u8>(4).fill(0);
xs[4] = 1;
console.log(xs.length);
