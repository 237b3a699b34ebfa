// error: `in` tests property names at run time, which ostc does not keep
// at: 4:13
class C { v: i32 = 1; }
console.log("v" in new C());
