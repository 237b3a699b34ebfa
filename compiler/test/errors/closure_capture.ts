// error: classes must be declared at module level
// at: 4:3
function outer(n: i32): i32 {
  class Local { }
  return n;
}
console.log(outer(1));
