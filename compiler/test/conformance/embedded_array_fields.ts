// `readonly` array fields given a fresh array keep their header inside the object. They must
// still behave as JavaScript arrays: shared by reference, grown by push, compared by identity.
class Stack {
  readonly items: u32[] = [];
  readonly seen = new Array<u8>(4).fill(1);
  push(v: u32): void { this.items.push(v); }
}

class Queue<T> {
  readonly buf: T[];
  head = 0;
  constructor(first: T) {
    this.buf = [first];
  }
  take(): T { return this.buf[this.head++]; }
}

class Base {
  readonly log: i32[] = [1];
}
class Derived extends Base {
  readonly more: i32[];
  constructor() {
    super();
    this.more = new Array<i32>(2).fill(-1);
    this.log.push(2);
  }
}

function total(a: u32[]): u32 {
  let s: u32 = 0;
  for (const x of a) s += x;
  return s;
}

const s = new Stack();
const alias = s.items;
for (let i: u32 = 0; i < 20; i++) s.push(i * 3);
alias.push(1000);
console.log(s.items.length, alias.length, s.items === alias, total(s.items), s.seen.join(""));
alias.pop();
console.log(s.items.length, s.items[s.items.length - 1]);
const q = new Queue<string>("a");
q.buf.push("b");
q.buf.push("c");
console.log(q.take() + q.take() + q.take(), q.buf.length);
const d = new Derived();
console.log(d.log.join(","), d.more.join(","));
const kept: i32[][] = [];
for (let i = 0; i < 3; i++) { const x = new Derived(); x.more[0] = i; kept.push(x.more); }
console.log(kept.length, kept[0][0], kept[1][0], kept[2][0]);
