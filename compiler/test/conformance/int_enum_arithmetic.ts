// Enum values in arithmetic and comparisons, bit-flag enums combined with | and tested with &.
enum Perm { R = 4, W = 2, X = 1 }
function mode(owner: i32, group: i32, other: i32): i32 { return (owner << 6) | (group << 3) | other; }
const m = mode(Perm.R | Perm.W | Perm.X, Perm.R | Perm.X, Perm.R);
let s = "";
for (let shift = 6; shift >= 0; shift -= 3) {
  const bits = (m >> shift) & 7;
  s += (bits & Perm.R) !== 0 ? "r" : "-";
  s += (bits & Perm.W) !== 0 ? "w" : "-";
  s += (bits & Perm.X) !== 0 ? "x" : "-";
}
console.log(m, m.toString(), s, Perm.R + Perm.W, Perm.X < Perm.W);
