// An LRU cache: a doubly linked list of nodes plus a direct-mapped index by key.
class LNode {
  prev: LNode | null = null;
  next: LNode | null = null;
  constructor(readonly key: i32, public value: string) {}
}
class LRU {
  head: LNode | null = null;
  tail: LNode | null = null;
  index: (LNode | null)[];
  size = 0;
  hits = 0;
  misses = 0;
  constructor(readonly capacity: i32, keySpace: i32) { this.index = new Array<LNode | null>(keySpace).fill(null); }
  private unlink(n: LNode): void {
    if (n.prev !== null) n.prev.next = n.next; else this.head = n.next;
    if (n.next !== null) n.next.prev = n.prev; else this.tail = n.prev;
    n.prev = null; n.next = null;
  }
  private pushFront(n: LNode): void {
    n.next = this.head;
    if (this.head !== null) this.head.prev = n;
    this.head = n;
    if (this.tail === null) this.tail = n;
  }
  get(key: i32): string {
    const n = this.index[key];
    if (n === null) { this.misses++; return ""; }
    this.hits++;
    this.unlink(n); this.pushFront(n);
    return n.value;
  }
  put(key: i32, value: string): void {
    const n = this.index[key];
    if (n !== null) { n.value = value; this.unlink(n); this.pushFront(n); return; }
    if (this.size === this.capacity) { const old = this.tail!; this.unlink(old); this.index[old.key] = null; this.size--; }
    const fresh = new LNode(key, value);
    this.index[key] = fresh; this.pushFront(fresh); this.size++;
  }
  order(): string { let s = ""; for (let p = this.head; p !== null; p = p.next) s += `${p.key}`; return s; }
}
const c = new LRU(4, 10);
for (let k = 0; k < 6; k++) c.put(k, `v${k}`);
c.get(3); c.get(0); c.get(2);
c.put(7, "seven"); c.put(3, "three");
console.log(c.order(), c.get(3), c.get(4), c.get(5), c.size, c.hits, c.misses);
