// trap: division by zero
// line: 4
let d: i64 = 1n;
d -= 1n; console.log(10n / d);
