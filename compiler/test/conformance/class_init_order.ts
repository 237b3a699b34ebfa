// Field initializers run after super() and before the rest of the constructor, as in TypeScript.
let trace = "";
function note(s: string): i32 { trace += s + " "; return trace.length; }
class Base {
  a = note("base-field");
  constructor() { note("base-ctor"); }
  hook(): string { return "base-hook"; }
}
class Derived extends Base {
  b = note("derived-field");
  c: i32;
  constructor(x: i32) {
    note("before-super");
    super();
    note("after-super");
    this.c = x;
  }
  hook(): string { return "derived-hook"; }
}
class NoCtor extends Derived {
  d = note("noctor-field");
}
const o = new NoCtor(5);
console.log(trace.trim());
console.log(o.a > 0, o.b > o.a, o.c, o.d > o.b, o.hook());
