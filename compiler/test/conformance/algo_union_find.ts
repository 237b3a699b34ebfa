// Union-find with path compression and union by rank over i32 arrays.
class DSU {
  parent: i32[] = [];
  rank: u8[] = [];
  constructor(n: i32) { for (let i = 0; i < n; i++) { this.parent.push(i); this.rank.push(0); } }
  find(x: i32): i32 {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[x] !== r) { const n = this.parent[x]; this.parent[x] = r; x = n; }
    return r;
  }
  union(a: i32, b: i32): boolean {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra] < this.rank[rb]) { const t = ra; ra = rb; rb = t; }
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]++;
    return true;
  }
}
const d = new DSU(1000);
let merges = 0;
for (let i = 0; i < 1000; i++) if (d.union(i, (i * 7 + 3) % 1000)) merges++;
const roots: i32[] = [];
for (let i = 0; i < 1000; i++) { const r = d.find(i); if (!roots.includes(r)) roots.push(r); }
console.log(merges, roots.length, d.find(0) === d.find(3), d.find(1) === d.find(2));
