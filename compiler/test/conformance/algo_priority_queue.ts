// A binary min-heap priority queue of (priority, id) pairs, as a timer wheel might use.
class Entry { constructor(readonly prio: u32, readonly id: i32) {} }
class MinHeap {
  a: Entry[] = [];
  get size(): i32 { return this.a.length; }
  push(e: Entry): void {
    this.a.push(e);
    let i = this.a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(this.a[p], this.a[i])) break;
      const t = this.a[p]; this.a[p] = this.a[i]; this.a[i] = t;
      i = p;
    }
  }
  private less(x: Entry, y: Entry): boolean { return x.prio < y.prio || (x.prio === y.prio && x.id < y.id); }
  pop(): Entry {
    const top = this.a[0];
    const last = this.a.pop()!;
    if (this.a.length > 0) {
      this.a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < this.a.length && this.less(this.a[l], this.a[m])) m = l;
        if (r < this.a.length && this.less(this.a[r], this.a[m])) m = r;
        if (m === i) break;
        const t = this.a[m]; this.a[m] = this.a[i]; this.a[i] = t;
        i = m;
      }
    }
    return top;
  }
}
const h = new MinHeap();
let x: u32 = 7;
for (let i = 0; i < 50; i++) { x = u32(Math.imul(x, 69069) + 1); h.push(new Entry(x % 100, i)); }
let out = "";
while (h.size > 40) { const e = h.pop(); out += `${e.prio}:${e.id} `; }
console.log(out.trim(), h.size);
