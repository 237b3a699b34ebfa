// error: cannot infer the element type of []
// at: 4:12
// hint: annotate it, e.g. `const xs: u32[] = []`
const xs = [];
console.log(xs.length);
