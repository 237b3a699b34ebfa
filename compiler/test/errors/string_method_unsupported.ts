// error: string method localeCompare is not supported
// at: 4:13
const s = "abc";
console.log(s.localeCompare("b"));
