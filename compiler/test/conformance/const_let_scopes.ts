// const/let block scoping and shadowing; module-level state.
let x = 1;
const y: u16 = 500;
{
  const x = 10;
  let z = x + y;
  console.log(x, z);
}
for (let i = 0; i < 2; i++) {
  const x = i * 100;
  console.log(x);
}
if (x === 1) {
  let x = "shadowed";
  console.log(x);
}
console.log(x);
let state = 0;
function bump(): i32 { state += 7; return state; }
bump();
bump();
console.log(state, bump());
