// trap: a fixed-size module array cannot be disposed
// line: 4
const table = new Array<u32>(16).fill(0);
function drop(a: u32[]): void { dispose(a); }
drop(table);
