// A loop indexes an array whose header a callee changes: the callee pushes onto the same array
// (reached through a module variable and through a field), pops it, or replaces a field's array.
// Loops must see every change, as under Node.
const shared: u32[] = [1, 2, 3];

function grow(): void {
  if (shared.length < 40) shared.push(u32(shared.length * 7));
}

function shrink(a: u32[]): void {
  a.pop();
}

class Bag {
  items: u32[] = [5, 6];
  refill(): void { this.items = [9, 8, 7, 6, 5, 4]; }
  add(v: u32): void { this.items.push(v); }
}

function sumGrowing(a: u32[]): u32 {
  let s: u32 = 0;
  for (let i = 0; i < a.length; i++) {
    s = (s + a[i]) >>> 0;
    grow();
  }
  return s;
}

function sumShrinking(a: u32[]): u32 {
  let s: u32 = 0;
  let i = 0;
  while (i < a.length) {
    s = (s * 3 + a[i]) >>> 0;
    shrink(a);
    i++;
  }
  return s;
}

function walkBag(b: Bag): u32 {
  let s: u32 = 0;
  for (let i = 0; i < b.items.length; i++) {
    s = (s * 31 + b.items[i]) >>> 0;
    if (i === 1) b.refill();
    if (i === 3) b.add(100);
  }
  return s;
}

function forOfGrowing(): u32 {
  const a: u32[] = [1, 2];
  let s: u32 = 0;
  for (const x of a) {
    s = (s + x) >>> 0;
    if (a.length < 10) a.push(x + 10);
  }
  return s;
}

console.log(sumGrowing(shared), shared.length);
const b: u32[] = [4, 5, 6, 7, 8, 9];
console.log(sumShrinking(b), b.length);
console.log(walkBag(new Bag()));
console.log(forOfGrowing());

// Callees that only write elements leave the header alone: the loop keeps its view and must
// still read what they wrote. Virtual and interface calls that push must defeat the view.
function poke(a: i32[], i: i32): void {
  if (i + 1 < a.length) a[i + 1] = a[i] * 2;
}
function doubling(): string {
  const a = new Array<i32>(8).fill(1);
  for (let i = 0; i < a.length; i++) poke(a, i);
  return a.join(" ");
}

abstract class Sink { abstract put(a: i32[], v: i32): void; }
class Quiet extends Sink { put(a: i32[], v: i32): void { a[0] = v; } }
class Loud extends Sink { put(a: i32[], v: i32): void { a.push(v); } }
interface Adder { add(a: i32[], v: i32): void; }
class Pusher { add(a: i32[], v: i32): void { if (a.length < 12) a.push(v); } }

function dispatch(s: Sink, ad: Adder): i32 {
  const a: i32[] = [3, 1];
  let n = 0;
  for (let i = 0; i < a.length && i < 20; i++) { s.put(a, i); n += a[i]; }
  for (let i = 0; i < a.length; i++) { ad.add(a, i); n += a[i] * 2; }
  return n * 1000 + a.length;
}
console.log(doubling());
console.log(dispatch(new Quiet(), new Pusher()), dispatch(new Loud(), new Pusher()));
