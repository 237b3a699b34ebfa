// error: the polymorphic `this` type is not supported
// at: 4:36
// hint: write the class name instead
class B { x: i32 = 0; set(v: i32): this { this.x = v; return this; } }
console.log(new B().set(1).x);
