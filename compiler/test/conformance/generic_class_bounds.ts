// A generic fixed-capacity queue and a generic sorted insertion with a comparator.
class Queue<T> {
  private items: T[] = [];
  private head = 0;
  constructor(readonly cap: i32) {}
  offer(x: T): boolean { if (this.size() === this.cap) return false; this.items.push(x); return true; }
  poll(): T { return this.items[this.head++]; }
  size(): i32 { return this.items.length - this.head; }
}
function insertSorted<T>(xs: T[], x: T, less: (a: T, b: T) => boolean): void {
  xs.push(x);
  let i = xs.length - 1;
  while (i > 0 && less(xs[i], xs[i - 1])) { const t = xs[i]; xs[i] = xs[i - 1]; xs[i - 1] = t; i--; }
}
function lessU16(a: u16, b: u16): boolean { return a < b; }
function lessStr(a: string, b: string): boolean { return a < b; }
const q = new Queue<u16>(3);
console.log(q.offer(5), q.offer(65535), q.offer(0), q.offer(9), q.size(), q.poll(), q.size());
const sorted: u16[] = [];
for (const v of [50, 3, 65535, 0, 17]) insertSorted(sorted, u16(v), lessU16);
const names: string[] = [];
for (const n of ["pid", "init", "sh", "ls", "Z"]) insertSorted(names, n, lessStr);
console.log(sorted.join(","), names.join(","));
