// error: a derived class constructor must call super(…) at top level of its body
// at: 5:22
class A { constructor() {} }
class B extends A { v: i32 = 0; constructor() { super(); this.v = 1; } }
class C2 extends B { constructor() { const x = 1; if (x > 0) { super(); } } }
console.log(new C2().v);
