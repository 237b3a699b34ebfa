// error: function expressions are not supported (they could capture variables)
// at: 4:11
// hint: declare a function at module level and pass its name
const f = function (x: i32): i32 { return x; };
console.log(f(1));
