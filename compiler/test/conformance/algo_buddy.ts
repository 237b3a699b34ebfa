// A buddy allocator over 2^MAX_ORDER pages kept in free lists (arrays), with splitting and merging.
const MAX_ORDER = 6;
class Buddy {
  free: i32[][] = [];
  constructor() {
    for (let o = 0; o <= MAX_ORDER; o++) this.free.push([]);
    this.free[MAX_ORDER].push(0);
  }
  alloc(order: i32): i32 {
    let o = order;
    while (o <= MAX_ORDER && this.free[o].length === 0) o++;
    if (o > MAX_ORDER) return -1;
    const block = this.free[o].pop()!;
    while (o > order) { o--; this.free[o].push(block + (1 << o)); }
    return block;
  }
  release(block: i32, order: i32): void {
    let b = block, o = order;
    while (o < MAX_ORDER) {
      const buddy = b ^ (1 << o);
      const list = this.free[o];
      const at = list.indexOf(buddy);
      if (at < 0) break;
      list[at] = list[list.length - 1];
      list.pop();
      b = Math.min(b, buddy);
      o++;
    }
    this.free[o].push(b);
  }
  describe(): string {
    const parts: string[] = [];
    for (let o = 0; o <= MAX_ORDER; o++) parts.push(`${o}:${this.free[o].length}`);
    return parts.join(" ");
  }
}
const b = new Buddy();
const a1 = b.alloc(0), a2 = b.alloc(2), a3 = b.alloc(1), a4 = b.alloc(5);
console.log(a1, a2, a3, a4, b.describe());
b.release(a2, 2);
b.release(a1, 0);
console.log(b.describe());
b.release(a3, 1);
console.log(b.describe(), b.alloc(6));
b.release(a4, 5);
console.log(b.describe(), b.alloc(6), b.alloc(0));
