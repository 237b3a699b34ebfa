// error: null is not a C
// at: 5:14
// hint: declare the type as `C | null`
class C { v: i32 = 0; }
const c: C = null!;
console.log(c.v);
