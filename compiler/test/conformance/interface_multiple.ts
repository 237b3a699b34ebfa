// A class implementing two interfaces, passed as either; interface values compared and stored.
interface Reader { read(): i32; }
interface Writer { write(v: i32): void; }
class Pipe implements Reader, Writer {
  buf: i32[] = [];
  read(): i32 { return this.buf.length === 0 ? -1 : this.buf.pop()!; }
  write(v: i32): void { this.buf.push(v); }
}
function pump(r: Reader, w: Writer, n: i32): i32 { let moved = 0; for (let i = 0; i < n; i++) { const v = r.read(); if (v < 0) break; w.write(v * 10); moved++; } return moved; }
const a = new Pipe(), b = new Pipe();
for (let i = 1; i <= 4; i++) a.write(i);
console.log(pump(a, b, 10), b.buf.join(","), pump(b, b, 2), b.buf.join(","));
const readers: Reader[] = [a, b];
console.log(readers[0] === readers[0], readers[0] === readers[1]);
