// Arrays: push/pop/length/indexing/for-of, growth, arrays of arrays and of objects.
const xs: i32[] = [];
for (let i = 0; i < 20; i++) xs.push(i * i - 50);
console.log(xs.length, xs[0], xs[19], xs.pop()!, xs.length, xs.push(7), xs[xs.length - 1]);
xs[0] = 123;
xs[1] += 5;
xs[2]++;
--xs[3];
console.log(xs[0], xs[1], xs[2], xs[3]);
const grid: u8[][] = [];
for (let r = 0; r < 3; r++) {
  const row: u8[] = [];
  for (let c = 0; c < 4; c++) row.push(u8(r * 10 + c));
  grid.push(row);
}
grid[1][2] = 99;
console.log(grid.length, grid[1].length, grid[1][2], grid[2][3]);
class Item { constructor(public id: i32) {} }
const items: Item[] = [new Item(1), new Item(2)];
items.push(new Item(3));
let ids = "";
for (const it of items) ids += it.id;
console.log(ids, items[2].id, items.pop()!.id, items.length);
const big: u64[] = [18446744073709551615n, 0n];
big.push(12345678901234567890n);
console.log(big[0], big[2], big.length);
const empty: string[] = [];
console.log(empty.length, empty.join("-") === "");
