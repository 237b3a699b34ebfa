// Module-level initialisation order: globals initialised in order, functions see initialised state.
const table: u32[] = makeTable(8);
let counter: u32 = table[7];
function makeTable(n: i32): u32[] { const t: u32[] = []; for (let i = 0; i < n; i++) t.push(u32(1 << i)); return t; }
function next(): u32 { counter += 1; return counter; }
const first = next();
const second = next();
console.log(table.join(","), first, second, counter);
