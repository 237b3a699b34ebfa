// A 2-D grid simulation (Conway's life on a torus) using arrays of arrays of u8.
const W = 12, H = 8;
let g: u8[][] = [];
for (let y = 0; y < H; y++) g.push(new Array<u8>(W).fill(0));
g[1][2] = 1; g[2][3] = 1; g[3][1] = 1; g[3][2] = 1; g[3][3] = 1;
function step(a: u8[][]): u8[][] {
  const b: u8[][] = [];
  for (let y = 0; y < H; y++) {
    const row = new Array<u8>(W).fill(0);
    for (let x = 0; x < W; x++) {
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx !== 0 || dy !== 0) n += a[(y + dy + H) % H][(x + dx + W) % W];
      row[x] = (n === 3 || (n === 2 && a[y][x] === 1)) ? 1 : 0;
    }
    b.push(row);
  }
  return b;
}
for (let i = 0; i < 12; i++) g = step(g);
for (const row of g) { let s = ""; for (const c of row) s += c === 1 ? "#" : "."; console.log(s); }
