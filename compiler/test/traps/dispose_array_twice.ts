// trap: dispose of an object or array that was already disposed
// line: 7
function make(): u32[] { return [1, 2, 3]; }
const a = make();
const b = a;
dispose(a);
dispose(b);
