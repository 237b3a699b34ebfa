// Default in the middle falls through into the following cases; matching skips earlier ones.
function f(n: i32): string {
  let s = "";
  switch (n) {
    case 1: s += "1";
    default: s += "d";
    case 2: s += "2";
    case 3: s += "3"; break;
    case 4: s += "4";
  }
  return s;
}
console.log(f(1), f(2), f(3), f(4), f(9));
