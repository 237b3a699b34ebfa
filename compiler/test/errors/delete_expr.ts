// error: delete is not supported: object shapes are fixed
// at: 5:1
class C { v: i32 = 1; }
const c = new C();
delete (c as unknown as { v?: i32 }).v;
console.log(c.v);
