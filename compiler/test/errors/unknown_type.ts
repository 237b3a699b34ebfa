// error: `unknown` is not supported: ostc needs a concrete type
// at: 3:8
let v: unknown = null;
console.log(v === null);
