// Arguments, operands, element targets and compound assignments evaluate left to right.
let trace = "";
let g = 1;
function t(tag: string, v: i32): i32 { trace += tag; return v; }
function bumpG(): i32 { g += 10; return g; }
function three(a: i32, b: i32, c: i32): string { return `${a}/${b}/${c}`; }
console.log(three(t("a", 1), t("b", 2), t("c", 3)), trace);
trace = "";
console.log(g + bumpG(), g);
console.log(three(g, bumpG(), g));
g = 1;
g += bumpG();
console.log(g);
const arr: i32[] = [0, 0, 0];
let idx = 0;
function nextIdx(): i32 { return idx++; }
arr[nextIdx()] = nextIdx() * 10 + 5;
console.log(arr.join(","), idx);
trace = "";
const r = t("x", 2) * (t("y", 3) + t("z", 4)) - t("w", 1);
console.log(r, trace);
let s = "";
function piece(p: string): string { s += p; return p; }
const joined = piece("1") + piece("2") + `${piece("3")}${piece("4")}`;
console.log(joined, s);
