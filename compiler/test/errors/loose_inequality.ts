// error: `!=` converts types loosely
// at: 4:54
// hint: write `!==`
function f(s: string, t: string): boolean { return s != t; }
console.log(f("x", "y"));
