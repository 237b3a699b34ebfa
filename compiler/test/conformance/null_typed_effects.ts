// Expressions whose value is known at compile time still run: a call returning `null` (the
// type), used as a nullable value, compared with null or tested as a condition, and an object-,
// array- or function-typed call tested as a condition (always true).
class Box {
  constructor(readonly v: i32) {}
}
let log = "";
let errno: i32 = 0;
/** Records why a lookup failed and gives its null result. */
function fail(e: i32): null {
  errno = e;
  log += "f";
  return null;
}
function lookup(i: i32): Box | null {
  if (i < 0) return fail(-22);
  return i === 0 ? fail(-2) : new Box(i);
}
function name(i: i32): string | null {
  return i > 0 ? `n${i}` : fail(-14);
}
function make(): Box {
  log += "m";
  return new Box(1);
}
function list(): i32[] {
  log += "l";
  return [1, 2];
}
function twice(x: i32): i32 {
  return x * 2;
}
function pick(): (x: i32) => i32 {
  log += "p";
  return twice;
}

console.log(lookup(-1) === null, errno, lookup(0) === null, errno, lookup(3)!.v, errno);
console.log(name(0) === null, errno, name(2)!, log);
const b: Box | null = fail(-9);
console.log(b === null, errno, log);
console.log(fail(-1) === null, errno, null === fail(-3), errno, log);
if (!fail(-4)) console.log("falsy", errno);
if (make()) console.log("object", log);
if (list()) console.log("array", log);
if (pick()) console.log("function", log);
console.log(make() ? "yes" : "no", fail(-5) ? "yes" : "no", errno, log);
let n = 0;
while (fail(-6)) n++;
console.log(n, errno, log);
