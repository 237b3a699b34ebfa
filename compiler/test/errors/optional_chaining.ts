// error: optional chaining (?.) is not supported
// at: 6:13
// hint: test for null explicitly
class N { v: i32 = 1; next: N | null = null; }
const n = new N();
console.log(n.next?.v ?? 0);
