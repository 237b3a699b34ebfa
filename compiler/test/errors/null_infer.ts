// error: cannot infer a type from `null`
// at: 4:9
// hint: annotate the declaration, e.g. `let x: Node | null = null`
let x = null;
console.log(x === null);
