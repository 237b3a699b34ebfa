// A generic association list map with string keys and different value types, plus generic pairs.
class Entry<V> { constructor(readonly key: string, public value: V) {} }
class AssocMap<V> {
  entries: Entry<V>[] = [];
  set(k: string, v: V): void { for (const e of this.entries) if (e.key === k) { e.value = v; return; } this.entries.push(new Entry<V>(k, v)); }
  get(k: string, fallback: V): V { for (const e of this.entries) if (e.key === k) return e.value; return fallback; }
  keys(): string[] { const out: string[] = []; for (const e of this.entries) out.push(e.key); return out; }
}
const ages = new AssocMap<u8>();
ages.set("ann", 31); ages.set("bob", 42); ages.set("ann", 32);
const flags = new AssocMap<boolean>();
flags.set("debug", true);
const big = new AssocMap<u64>();
big.set("max", 18446744073709551615n);
console.log(ages.get("ann", 0), ages.get("zed", 255), ages.keys().join(","), flags.get("debug", false), flags.get("x", false), big.get("max", 0n));
