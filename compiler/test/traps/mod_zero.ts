// trap: division by zero
// line: 4
let d: u32 = 3;
for (let i = 0; i < 5; i++) { d--; console.log(100 % d); }
