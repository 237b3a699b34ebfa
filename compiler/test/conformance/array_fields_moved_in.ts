// Arrays passed to a constructor that stores them in a readonly field. When every construction
// passes a fresh array, the header moves into the object; the parameter and the field must still
// be one JavaScript array (identity, push through either name, length), and a field that is not
// given fresh arrays everywhere must stay a plain reference.
class Zone {
  readonly state: u8[];
  readonly next: u32[];
  readonly total: u32;
  constructor(state: u8[], next: u32[]) {
    let t: u32 = 0;
    for (const s of state) t += s;
    for (let i = 0; i < next.length; i++) { next[i] = u32(i * 3); state[i] = u8(state[i] + 1); }
    this.state = state;
    this.next = next;
    this.total = t;
    // After the move, the parameters name the object's arrays.
    next.push(99);
    state[0] = 42;
    console.log(this.next === next, this.state === state, this.next.length, this.state[0]);
  }
  sum(): u32 {
    let s: u32 = 0;
    for (let i = 0; i < this.next.length; i++) s += this.next[i] + this.state[i % this.state.length];
    return s;
  }
}

/** A parameter property given fresh arrays; a class without a constructor passes its arguments on. */
class Buf {
  constructor(readonly bytes: u8[], readonly tag: string) {
    bytes.push(7);
  }
}
class NamedBuf extends Buf {}
class CheckedBuf extends Buf {
  readonly more: i32[];
  constructor(extra: i32[]) {
    super(new Array<u8>(2).fill(5), "checked");
    this.more = extra;
    extra.push(-1);
  }
}

/** Generic: the moved header must work for every instantiation. */
class Slots<T> {
  readonly items: T[];
  constructor(items: T[]) { this.items = items; }
  add(x: T): void { this.items.push(x); }
}

/** One construction passes an array the caller keeps: the field stays a reference. */
class Holder {
  readonly xs: i32[];
  constructor(xs: i32[]) { this.xs = xs; }
}

/** The parameter is stored elsewhere before the field: no move. */
class Keeper { kept: u32[] = []; }
class Twice {
  readonly a: u32[];
  constructor(k: Keeper, a: u32[]) {
    k.kept = a;
    this.a = a;
  }
}

const z = new Zone(new Array<u8>(4).fill(1), new Array<u32>(4).fill(0));
console.log(z.total, z.next.length, z.sum(), z.state.join(","));
const b = new Buf([1, 2, 3], "plain");
const alias = b.bytes;
alias.push(9);
console.log(b.tag, b.bytes.length, b.bytes.join(","), alias === b.bytes);
const nb = new NamedBuf(new Array<u8>(1).fill(4), "named");
console.log(nb.tag, nb.bytes.join(","));
const cb = new CheckedBuf([10, 20]);
console.log(cb.tag, cb.bytes.join(","), cb.more.join(","));
const s1 = new Slots<string>(["a"]);
s1.add("b");
const s2 = new Slots<u32>(new Array<u32>(2).fill(8));
s2.add(1);
console.log(s1.items.join(""), s2.items.join(","));
const mine: i32[] = [1, 2];
const h1 = new Holder(mine);
const h2 = new Holder([5]);
mine.push(3);
console.log(h1.xs.length, h1.xs === mine, h2.xs.length);
const k = new Keeper();
const t = new Twice(k, [1, 2]);
k.kept.push(3);
console.log(t.a.length, t.a === k.kept);
const many: Zone[] = [];
for (let i = 0; i < 3; i++) many.push(new Zone(new Array<u8>(2).fill(u8(i)), new Array<u32>(2).fill(0)));
console.log(many[0].total, many[1].total, many[2].total, many[2].sum());
dispose(z.next);
console.log(z.next.length);
