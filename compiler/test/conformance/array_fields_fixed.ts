// Readonly array fields of constant length that the program only indexes, measures and iterates
// over are stored inside the object. They must keep every array behaviour that remains visible:
// initial values (evaluated once, in field order), element reads and writes, compound
// assignment, ++, length, for…of, indexing through a call, and evaluation order.
const LEVELS: i32 = 5;

let calls = 0;
function seed(v: u32): u32 {
  calls++;
  console.log("seed", v);
  return v;
}

class Table {
  readonly heads = new Array<u32>(LEVELS + 1).fill(seed(0xffffffff));
  readonly counts: u32[] = new Array<u32>(LEVELS + 1).fill(0);
  readonly primes: i32[] = [2, 3, 5, seed(7)];
  readonly flags: boolean[];
  readonly names: (string | null)[] = new Array<string | null>(3).fill(null);
  used = 0;
  constructor(flag: boolean) {
    this.flags = new Array<boolean>(2).fill(flag);
  }
  put(level: i32, v: u32): void {
    this.heads[level] = v;
    this.counts[level]++;
    this.counts[level] += 10;
    this.used++;
  }
  sum(): u32 {
    let s: u32 = 0;
    for (const h of this.heads) if (h !== 0xffffffff) s += h;
    for (let i = 0; i < this.counts.length; i++) s += this.counts[i];
    return s;
  }
}

/** A subclass indexes its base's fixed field. */
class Derived extends Table {
  readonly extra = new Array<i32>(2).fill(-3);
  constructor() {
    super(true);
    this.primes[0] = this.extra[1] * 2;
  }
}

/** Generic: the element type comes from the instantiation. */
class Pair<T> {
  readonly two: T[];
  constructor(a: T, b: T) { this.two = [a, b]; }
  swap(): void { const t = this.two[0]; this.two[0] = this.two[1]; this.two[1] = t; }
}

/** Looks like a fixed field but is pushed, passed and aliased elsewhere: an ordinary array. */
class Grows {
  readonly xs = new Array<u32>(2).fill(1);
  readonly ys = new Array<u32>(2).fill(2);
  readonly zs = new Array<u32>(2).fill(3);
}
function total(a: u32[]): u32 { let s: u32 = 0; for (const x of a) s += x; return s; }

let made = 0;
function table(t: Table): Table {
  made++;
  return t;
}
function next(): i32 {
  made += 10;
  return 1;
}

const t = new Table(false);
console.log(calls, t.heads.length, t.heads[0], t.primes[3], t.flags[1], t.names[2] === null);
t.put(2, 40);
t.put(4, 7);
t.names[1] = "one";
console.log(t.sum(), t.counts[2], t.heads[2], t.used, t.names[1]);
// The object is evaluated once, before the index and the value.
table(t).counts[next()] = u32(made);
table(t).counts[0] += 5;
console.log(made, t.counts[1], t.counts[0], table(t).heads.length, made);
const d = new Derived();
console.log(d.primes[0], d.extra.length, d.flags[0], d.sum());
const p = new Pair<string>("x", "y");
p.swap();
const q = new Pair<u8>(1, 2);
q.swap();
console.log(p.two[0] + p.two[1], q.two[0], q.two[1], p.two.length);
const g = new Grows();
g.xs.push(5);
const alias = g.zs;
alias[0] = 30;
console.log(g.xs.length, total(g.ys), g.zs[0], alias === g.zs);
let found = 0;
for (const f of t.flags) if (!f) found++;
console.log(found);
