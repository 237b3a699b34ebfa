// Labelled break and continue across nested loops, and a labelled block.
let found = "";
outer: for (let i = 0; i < 5; i++) {
  for (let j = 0; j < 5; j++) {
    if (j > i) continue outer;
    if (i * j === 6) { found = `${i},${j}`; break outer; }
  }
}
console.log(found);
let count = 0;
rows: for (const r of [1, 2, 3, 4]) {
  let c = 0;
  while (true) {
    c++;
    if (c > r) continue rows;
    if (r === 4) break rows;
    count++;
  }
}
console.log(count);
let x = 0;
block: {
  x = 1;
  if (x === 1) break block;
  x = 2;
}
console.log(x);
let d = 0;
loop: do {
  d++;
  if (d < 3) continue loop;
  break loop;
} while (true);
console.log(d);
