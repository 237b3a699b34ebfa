// Loops over an array by index, `for (let i = 0; i < a.length; i++)`: the checked build leaves
// out the bounds check of `a[i]` in the body, and every loop computes what it computes under Node.
class Ring {
  readonly items: u32[] = [];
  total(): u32 {
    let t: u32 = 0;
    for (let i = 0; i < this.items.length; i++) t += this.items[i];
    return t;
  }
  scale(k: u32): void {
    for (let i: u32 = 0; i < this.items.length; i++) this.items[i] = this.items[i] * k;
  }
}

const a: i32[] = [5, -3, 8, 13, -21, 34];
let sum = 0;
for (let i = 0; i < a.length; i++) sum += a[i];
console.log(sum);
let odd = 0;
for (let i = 1; i < a.length; i += 2) odd += a[i];
console.log(odd);
for (let i = 0; a.length > i && a[i] !== 13; ++i) {
  a[i] = a[i] * 2;
  if (a[i] > 100) break;
}
console.log(a.join(","));
const r = new Ring();
for (let v: u32 = 1; v <= 5; v++) r.items.push(v);
r.scale(3);
console.log(r.total());
const words: string[] = ["ab", "cde", "f"];
let letters = 0;
for (let i = 0; i < words.length; i++) {
  for (let j = 0; j < words[i].length; j++) letters++;
}
console.log(letters);
const grid: u8[] = [1, 2, 3, 4];
let weighted = 0;
for (let i: u8 = 0; i < grid.length; i++) {
  for (let j: u8 = 0; j < grid.length; j++) weighted += grid[i] * grid[j];
}
console.log(weighted);
