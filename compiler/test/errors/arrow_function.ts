// error: function expressions are not supported (they could capture variables)
// at: 5:16
// hint: declare a function at module level and pass its name
const xs: i32[] = [1, 2];
const double = (x: i32): i32 => x * 2;
console.log(double(xs[0]));
