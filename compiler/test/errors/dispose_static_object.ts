// error: lives in static storage for the whole program and cannot be disposed
// at: 5:9
class Table { n: u32 = 0; }
const table = new Table();
dispose(table);
console.log(table.n);
