// trap: no enum member has this value
// line: 5
enum E { A, B }
const v: i32 = 5;
console.log(E[v]);
