// error: new needs a class declared in TypeScript
// at: 4:33
abstract class A { abstract f(): i32; }
function make(): A { return new (A as unknown as new () => A)(); }
console.log(make().f());
