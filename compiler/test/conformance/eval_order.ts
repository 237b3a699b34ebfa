let log = "";
function f(tag: string, v: i32): i32 { log += tag; return v; }
const a = f("a", 1) + f("b", 2);
const b = f("c", 10) - f("d", 3) * f("e", 2);
const c = f("f", 1) === f("g", 1);
const d = (f("h", 6) & f("i", 3)) | f("j", 8);
const e2 = f("k", 5) < f("l", 7);
console.log(a, b, c, d, e2, log);
