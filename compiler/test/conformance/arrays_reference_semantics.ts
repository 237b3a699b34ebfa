// Arrays are references: aliases see mutations, slices are copies, arrays passed to functions are shared.
function fillWith(a: i32[], v: i32): void { for (let i = 0; i < a.length; i++) a[i] = v; }
const a: i32[] = [1, 2, 3];
const alias = a;
const copy = a.slice();
alias[0] = 100;
fillWith(copy, 9);
console.log(a.join(","), alias === a, copy === a, copy.join(","));
const nested: i32[][] = [a, a];
nested[1][2] = -1;
console.log(a[2], nested[0][2]);
