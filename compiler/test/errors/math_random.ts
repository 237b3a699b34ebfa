// error: Math.random is not supported
// at: 8:13
// hint: ostc has integers only; Math.trunc/floor of a division, min, max, abs, imul, clz32 and sign are available
let i = 0;
while (i < 3) { i++; }
console.log(i);
const r = Math.round(i);
console.log(Math.random() > 2);
