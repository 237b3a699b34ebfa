// error: cannot format a P as text
// at: 5:16
// hint: format its fields
class P { x: i32 = 1; }
console.log(`${new P()}`);
