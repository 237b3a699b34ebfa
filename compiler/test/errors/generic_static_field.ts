// error: generic classes cannot have static fields
// at: 3:16
class Box<T> { static count: i32 = 0; constructor(readonly v: T) {} }
console.log(new Box<i32>(1).v);
