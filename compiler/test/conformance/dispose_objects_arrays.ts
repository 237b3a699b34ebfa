// dispose() releases objects and arrays; what stays alive must be untouched by the heap reusing
// released memory (blocks of many sizes, released in scrambled order, reallocated).
class Rec {
  readonly tags: u32[] = [];
  other: Rec | null = null;
  constructor(readonly id: u32, readonly payload: u32[]) {}
  sum(): u32 {
    let s: u32 = this.id;
    for (const x of this.payload) s = (s * 31 + x) >>> 0;
    for (const t of this.tags) s = (s ^ t) >>> 0;
    return s;
  }
}

let seed: u32 = 12345;
function rnd(n: u32): u32 {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
}

const live: (Rec | null)[] = new Array<Rec | null>(64).fill(null);
const expected = new Array<u32>(64).fill(0);
let made = 0, dropped = 0;
for (let round = 0; round < 4000; round++) {
  const slot = rnd(64);
  const old = live[slot];
  if (old !== null) {
    if (old.sum() !== expected[slot]) console.log("corrupted", slot, round);
    dispose(old.payload);
    dispose(old.tags);
    dispose(old);
    dropped++;
  }
  const size = rnd(5) === 0 ? 3000 + rnd(20000) : rnd(40);
  const payload = new Array<u32>(size).fill(round);
  for (let i = 0; i < size; i += 7) payload[i] = rnd(1000);
  const r = new Rec(u32(round), payload);
  for (let i: u32 = 0; i < rnd(10); i++) r.tags.push(i * u32(round));
  live[slot] = r;
  expected[slot] = r.sum();
  made++;
  // Short-lived garbage of every size class in between.
  const junk = new Array<u8>(rnd(300)).fill(255);
  dispose(junk);
}
let total: u32 = 0;
for (let i = 0; i < 64; i++) {
  const r = live[i];
  if (r !== null) {
    if (r.sum() !== expected[i]) console.log("corrupted at the end", i);
    total = (total + r.sum()) >>> 0;
  }
}
console.log(made, dropped, total);

// A readonly field's array lives inside its object: dispose releases its elements (the header
// goes with the object).
class Buf { readonly data = new Array<u32>(8).fill(3); n: u32 = 2; }
for (let i = 0; i < 1000; i++) {
  const b = new Buf();
  b.data.push(u32(i));
  dispose(b.data);
  dispose(b);
}
dispose(null);
const maybe: Rec | null = null;
dispose(maybe);
console.log("done");
