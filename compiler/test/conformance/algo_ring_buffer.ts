// A power-of-two ring buffer of bytes with free-running u32 indices (they wrap past 2^32).
class Ring {
  private buf: u8[];
  private head: u32;
  private tail: u32;
  constructor(private readonly size: u32, start: u32) {
    this.buf = new Array<u8>(size).fill(0);
    this.head = start;
    this.tail = start;
  }
  get used(): u32 { return u32(this.head - this.tail); }
  put(b: u8): boolean {
    if (this.used === this.size) return false;
    this.buf[this.head & (this.size - 1)] = b;
    this.head = u32(this.head + 1);
    return true;
  }
  get(): i32 {
    if (this.used === 0) return -1;
    const b = this.buf[this.tail & (this.size - 1)];
    this.tail = u32(this.tail + 1);
    return b;
  }
}
const r = new Ring(8, 0xfffffffa);
let out = "";
for (let i = 0; i < 10; i++) out += r.put(u8(i + 65)) ? "+" : "-";
console.log(out, r.used);
let got = "";
for (let i = 0; i < 5; i++) got += String.fromCharCode(r.get());
for (let i = 0; i < 4; i++) r.put(u8(97 + i));
let c = r.get();
while (c >= 0) { got += String.fromCharCode(c); c = r.get(); }
console.log(got, r.used);
