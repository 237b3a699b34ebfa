// Open-addressing hash map from strings to i32 with linear probing, tombstones and resizing.
class HashMap {
  keys: (string | null)[] = [];
  vals: i32[] = [];
  dead: boolean[] = [];
  count = 0;
  constructor(cap: i32) { this.alloc(cap); }
  private alloc(cap: i32): void {
    this.keys = new Array<string | null>(cap).fill(null);
    this.vals = new Array<i32>(cap).fill(0);
    this.dead = new Array<boolean>(cap).fill(false);
  }
  private hash(k: string): u32 {
    let h: u32 = 2166136261;
    for (let i = 0; i < k.length; i++) h = u32(Math.imul(h ^ k.charCodeAt(i), 16777619));
    return h;
  }
  private slot(k: string): i32 {
    const cap = this.keys.length;
    let i = i32(this.hash(k) % u32(cap));
    while (true) {
      const cur = this.keys[i];
      if (cur === null && !this.dead[i]) return i;
      if (cur !== null && cur === k) return i;
      i = (i + 1) % cap;
    }
  }
  set(k: string, v: i32): void {
    if ((this.count + 1) * 4 > this.keys.length * 3) this.grow();
    const i = this.slot(k);
    if (this.keys[i] === null) this.count++;
    this.keys[i] = k;
    this.vals[i] = v;
  }
  get(k: string): i32 { const i = this.slot(k); return this.keys[i] === null ? -1 : this.vals[i]; }
  remove(k: string): boolean {
    const i = this.slot(k);
    if (this.keys[i] === null) return false;
    this.keys[i] = null; this.dead[i] = true; this.count--;
    return true;
  }
  private grow(): void {
    const oldK = this.keys, oldV = this.vals;
    this.alloc(oldK.length * 2);
    this.count = 0;
    for (let i = 0; i < oldK.length; i++) { const k = oldK[i]; if (k !== null) this.set(k, oldV[i]); }
  }
}
const m = new HashMap(4);
for (let i = 0; i < 100; i++) m.set(`key${i}`, i * i);
console.log(m.count, m.keys.length, m.get("key7"), m.get("key99"), m.get("nope"));
for (let i = 0; i < 100; i += 3) m.remove(`key${i}`);
m.set("key3", -3);
console.log(m.count, m.get("key3"), m.get("key4"), m.get("key6"), m.remove("key6"));
