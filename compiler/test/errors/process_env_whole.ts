// error: process.env can only be read one variable at a time
// at: 3:13
const all = process.env;
console.log(all.HOME ?? "");
