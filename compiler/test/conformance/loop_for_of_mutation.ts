// for-of over an array that is pushed to during iteration sees the new elements (as in JS).
const xs: i32[] = [1, 2, 3];
let visited = 0;
for (const x of xs) { visited++; if (x < 3 && xs.length < 6) xs.push(x + 10); }
console.log(visited, xs.join(","));
const ys: i32[] = [5, 6, 7, 8];
let seen = "";
for (const y of ys) { seen += y; if (y === 6) ys.pop(); }
console.log(seen, ys.length);
