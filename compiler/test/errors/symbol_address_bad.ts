// error: symbolAddress needs a symbol name as a string literal
// at: 4:27
const name = "sym";
console.log(symbolAddress(name));
