// A linked stack and queue built from nodes; iteration with nullable pointers.
class N { constructor(readonly v: string, public next: N | null) {} }
class LinkedStack {
  top: N | null = null;
  n = 0;
  push(v: string): void { this.top = new N(v, this.top); this.n++; }
  pop(): string { const t = this.top!; this.top = t.next; this.n--; return t.v; }
  toString(): string { let s = ""; for (let p = this.top; p !== null; p = p.next) s += p.v; return s; }
}
class LinkedQueue {
  head: N | null = null;
  tail: N | null = null;
  enqueue(v: string): void { const n = new N(v, null); if (this.tail !== null) this.tail.next = n; else this.head = n; this.tail = n; }
  dequeue(): string { const h = this.head!; this.head = h.next; if (this.head === null) this.tail = null; return h.v; }
  empty(): boolean { return this.head === null; }
}
const st = new LinkedStack();
for (const c of "kernel") st.push(c);
console.log(st.toString(), st.pop(), st.pop(), st.n, st.toString());
const q = new LinkedQueue();
for (const c of "abc") q.enqueue(c);
let out = "";
while (!q.empty()) out += q.dequeue();
q.enqueue("z");
console.log(out, q.dequeue(), q.empty());
