// switch on integers: fallthrough, grouped cases, default in the middle, no default.
function classify(n: i32): string {
  let out = "";
  switch (n) {
    case 0:
      out += "zero ";
    case 1:
      out += "small ";
      break;
    default:
      out += "other ";
    case 10:
    case 11:
      out += "ten-ish ";
      break;
    case -1:
      return "minus one";
  }
  return out.trim();
}
for (const n of [0, 1, 2, 10, 11, -1, 99]) console.log(n, classify(n));
function noDefault(n: u32): i32 {
  let r = 0;
  switch (n) {
    case 4000000000: r = 1; break;
    case 7: r = 2;
  }
  return r;
}
console.log(noDefault(4000000000), noDefault(7), noDefault(8));
let total = 0;
for (let i = 0; i < 6; i++) {
  switch (i % 3) {
    case 0: continue;
    case 1: total += 10; break;
    default: total += 100;
  }
  total += 1;
}
console.log(total);
