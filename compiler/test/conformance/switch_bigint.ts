// switch on u64 and i64 values (bigints compare by value).
function name(x: u64): string {
  switch (x) {
    case 0n: return "zero";
    case 18446744073709551615n: return "max";
    case 4294967296n: return "2^32";
    default: return "other";
  }
}
console.log(name(0n), name(18446744073709551615n), name(4294967296n), name(5n));
const y: i64 = -1n;
switch (y) { case -1n: console.log("minus one"); break; default: console.log("?"); }
