// The comma operator in for headers and expressions, and void expressions.
let i = 0, j = 10, log = "";
for (i = 0, j = 10; i < j; i += 2, j -= 2) log += `${i}:${j} `;
const x = (log += "!", i + j);
function side(): i32 { log += "s"; return 1; }
void side();
console.log(log, x, i, j);
