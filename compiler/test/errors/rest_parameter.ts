// error: rest parameters are not supported
// at: 4:14
// hint: pass an array
function sum(...xs: i32[]): i32 { let s = 0; for (const x of xs) s += x; return s; }
console.log(sum(1, 2));
