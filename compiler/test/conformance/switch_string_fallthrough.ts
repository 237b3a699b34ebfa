// String switch with fallthrough, computed cases evaluated in order, and no match.
let evals = 0;
function label(s: string): string { evals++; return s; }
function kind(c: string): string {
  switch (c) {
    case label("a"): case label("e"): case label("i"): return "vowel";
    case " ": return "space";
    case "": return "empty";
  }
  return "other";
}
console.log(kind("a"), kind("i"), kind(" "), kind(""), kind("z"), evals);
