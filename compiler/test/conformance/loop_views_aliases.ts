// Two names for one array inside a loop: writes through one are reads through the other, and a
// push through the alias moves the storage while the loop keeps indexing.
class Grid {
  readonly cells: i32[] = new Array<i32>(8).fill(0);
  rows: i32[][] = [];
}

function smear(a: i32[], b: i32[]): i32 {
  // a and b are the same array: each element depends on the one written just before it.
  for (let i = 1; i < a.length; i++) a[i] = b[i - 1] + 1;
  let s = 0;
  for (const x of b) s += x;
  return s;
}

function pushThroughAlias(a: i32[]): i32 {
  const alias = a;
  let s = 0;
  for (let i = 0; i < 6; i++) {
    alias.push(i * i);
    s += a[a.length - 1] + a.length;
  }
  return s;
}

function nested(g: Grid): i32 {
  g.rows = [[1, 2], [3, 4, 5], [6]];
  let s = 0;
  for (let r = 0; r < g.rows.length; r++) {
    const row = g.rows[r];
    for (let c = 0; c < row.length; c++) {
      row[c] = row[c] * 2;
      g.cells[c] += row[c];
      s += g.cells[c];
    }
  }
  return s;
}

function swapInLoop(): i32 {
  let x: i32[] = [1, 2, 3];
  let y: i32[] = [10, 20, 30];
  let s = 0;
  for (let i = 0; i < 3; i++) {
    s += x[i] * 100 + y[i];
    const t = x; x = y; y = t;
  }
  return s;
}

const arr = [0, 0, 0, 0, 0];
console.log(smear(arr, arr), arr.join(","));
console.log(pushThroughAlias([7]));
const g = new Grid();
console.log(nested(g), g.cells.join(" "));
console.log(swapInLoop());
