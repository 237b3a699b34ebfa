// Template literals: every value kind, nesting, expressions, and a Fmt (stack-formatted) parameter.
function log(msg: Fmt): void { console.log(msg); }
function describe(name: string, n: i32): string { return `${name} has ${n} item${n === 1 ? "" : "s"}`; }
const u: u32 = 4294967295;
const i: i8 = -128;
const big: i64 = -9223372036854775808n;
const ok = true;
console.log(`u=${u} i=${i} big=${big} ok=${ok} sum=${u - 5} nested=${`<${i}>`}`);
console.log(describe("box", 1), describe("bag", 3), `${""}${"only"}`, `plain`);
for (let k = 0; k < 3; k++) log(`line ${k}: ${"*".repeat(k + 1)}`);
let acc = "";
for (let k = 0; k < 4; k++) acc = `${acc}${k},`;
console.log(acc);
