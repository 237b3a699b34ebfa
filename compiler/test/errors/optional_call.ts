// error: optional chaining (?.) is not supported
// at: 6:13
// hint: test for null explicitly
class N { f(): i32 { return 1; } }
const n: N | null = new N();
console.log(n?.f());
