// Nested loops with plain and labelled break/continue in for-of and while.
const grid: i32[][] = [[1, 2, 3], [4, -5, 6], [7, 8, -9]];
let firstNeg = "";
search: for (let r = 0; r < grid.length; r++) for (let c = 0; c < grid[r].length; c++) if (grid[r][c] < 0) { firstNeg = `${r},${c}`; break search; }
let sumPos = 0;
for (const row of grid) {
  for (const v of row) { if (v < 0) continue; sumPos += v; }
}
let rowsWithoutNeg = 0;
rowLoop: for (const row of grid) {
  for (const v of row) if (v < 0) continue rowLoop;
  rowsWithoutNeg++;
}
console.log(firstNeg, sumPos, rowsWithoutNeg);
