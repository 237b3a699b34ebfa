// Generic interfaces implemented by generic and plain classes, used through the interface.
interface Source<T> {
  next(): T;
  done(): boolean;
}
class Range implements Source<i32> {
  constructor(private cur: i32, private readonly end: i32) {}
  next(): i32 { return this.cur++; }
  done(): boolean { return this.cur >= this.end; }
}
class Repeat<T> implements Source<T> {
  constructor(private readonly v: T, private left: i32) {}
  next(): T { this.left--; return this.v; }
  done(): boolean { return this.left <= 0; }
}
function drainInts(s: Source<i32>): i32 { let t = 0; while (!s.done()) t += s.next(); return t; }
function drainStrs(s: Source<string>): string { let t = ""; while (!s.done()) t += s.next(); return t; }
console.log(drainInts(new Range(1, 11)), drainInts(new Repeat<i32>(7, 3)), drainStrs(new Repeat<string>("ab", 3)));
