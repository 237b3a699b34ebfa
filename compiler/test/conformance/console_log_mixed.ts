// console.log of expressions: results of calls, array elements, fields, enum values, and negative values.
enum E { A = -2, B }
class K { v: i16 = -300; }
const k = new K();
const xs: u32[] = [4294967295, 0];
function neg(): i8 { return -128; }
console.log(k.v, xs[0], xs[1], E.A, E.B, neg(), neg() + 0, -k.v, `${E.A}`);
console.log("%d is a format here", 5);
console.log("%s|%d|%i|%c|%%|%s|%d", "str", -7, 4294967295, "css", 18446744073709551615n, true, "extra", 9);
console.log("100%% sure", "and %s", "no %d without args");
console.log("%s %s", "only one");
const tmpl = "dynamic %s template";
console.log(tmpl, k.v);
