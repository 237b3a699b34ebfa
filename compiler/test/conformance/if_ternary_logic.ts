// if/else chains, ternaries, && || ! with short-circuiting and truthiness of strings and numbers.
let log = "";
function t(tag: string, v: boolean): boolean { log += tag; return v; }
console.log(t("a", false) && t("b", true), t("c", true) || t("d", false), !t("e", false), log);
function grade(score: i32): string {
  if (score >= 90) return "A";
  else if (score >= 80) return "B";
  else if (score >= 70) return "C";
  else return "F";
}
console.log(grade(95), grade(85), grade(75), grade(10));
const empty = "";
const full = "x";
const zero: i32 = 0;
const one: u8 = 1;
if (empty) console.log("empty is truthy"); else console.log("empty is falsy");
if (full && one) console.log("full and one");
if (!zero) console.log("zero is falsy");
const big = 10n;
if (big) console.log("bigint truthy");
const v = zero ? 1 : one ? 2 : 3;
console.log(v, zero === 0 ? "z" : "nz", (one > 0) === true);
let w = 5;
const r = w > 3 ? w * 2 : w - 1;
console.log(r, w < 3 || w > 4, w > 3 && w < 4);
