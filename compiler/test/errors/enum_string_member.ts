// error: enum members must be integer constants
// at: 3:10
enum E { A = "a", B = "b" }
console.log(E.A);
