// error: nested functions are not supported (they could capture variables)
// at: 5:3
// hint: move the function to module level
function outer(): i32 {
  function inner(): i32 { return 1; }
  return inner();
}
console.log(outer());
