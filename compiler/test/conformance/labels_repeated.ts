// The same label name twice in one function, and at module level, where all modules' top-level
// code shares one C function.
function twice(): i32 {
  let n = 0;
  outer: for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) { if (j === 2) continue outer; n++; }
  }
  outer: for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) { if (i + j === 6) break outer; n += 10; }
  }
  return n;
}
let m = 0;
outer: for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) { if (j > i) continue outer; m++; }
}
outer: while (true) {
  m += 100;
  if (m > 300) break outer;
}
console.log(twice(), m);
