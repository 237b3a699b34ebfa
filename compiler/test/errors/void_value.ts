// error: a void expression has no value
// at: 4:11
function f(): void {}
const x = f();
console.log(1);
