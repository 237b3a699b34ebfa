// Generic functions and classes, monomorphised, including nested instantiations.
class Stack<T> {
  private items: T[] = [];
  push(x: T): void { this.items.push(x); }
  pop(): T { return this.items.pop()!; }
  get size(): i32 { return this.items.length; }
  peek(): T { return this.items[this.items.length - 1]; }
}
class Pair<A, B> {
  constructor(readonly first: A, readonly second: B) {}
  swap(): Pair<B, A> { return new Pair<B, A>(this.second, this.first); }
}
function identity<T>(x: T): T { return x; }
function maxOf<T>(xs: T[], better: (a: T, b: T) => boolean): T {
  let best = xs[0];
  for (const x of xs) if (better(x, best)) best = x;
  return best;
}
function longer(a: string, b: string): boolean { return a.length > b.length; }
function bigger(a: u64, b: u64): boolean { return a > b; }
const s = new Stack<u8>();
s.push(1); s.push(255);
console.log(s.size, s.peek(), s.pop(), s.size);
const names = new Stack<string>();
names.push("a"); names.push("bc");
console.log(names.pop() + names.pop());
const nested = new Stack<Stack<i32>>();
const inner = new Stack<i32>();
inner.push(-42);
nested.push(inner);
console.log(nested.peek().peek(), nested.size);
const p = new Pair<i32, string>(7, "seven");
const q = p.swap();
console.log(p.first, p.second, q.first, q.second);
console.log(identity<i64>(-5n), identity("id"), identity<u32>(4000000000));
console.log(maxOf(["aa", "b", "cccc", "dd"], longer), maxOf([18446744073709551615n, 3n, 9n], bigger), maxOf([3n, 9n, 4n], bigger));
