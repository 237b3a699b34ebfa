// A module-level object declared with its base type but constructed as a derived class keeps
// the derived class's fields and overrides (static storage must be sized for the derived class).
class A { f(): i32 { return 1; } }
class B extends A { extra: i32 = 7; f(): i32 { return 2 + this.extra; } }
const x: A = new B();
const y = new B();
console.log(x.f(), y.f(), x instanceof B);
