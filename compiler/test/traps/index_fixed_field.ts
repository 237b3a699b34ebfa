// trap: index out of bounds
// line: 7
// A constant-length readonly array field stored inside its object keeps its bounds check.
class Table { readonly slots = new Array<u32>(4).fill(0); }
const t = new Table();
const i: i32 = 4;
console.log(t.slots[i]);
