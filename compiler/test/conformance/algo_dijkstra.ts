// Dijkstra's shortest paths on a small weighted graph with an O(V^2) scan.
const INF: u32 = 0xffffffff;
const n = 7;
const w: u32[][] = [];
for (let i = 0; i < n; i++) w.push(new Array<u32>(n).fill(INF));
function edge(a: i32, b: i32, c: u32): void { w[a][b] = c; w[b][a] = c; }
edge(0, 1, 7); edge(0, 2, 9); edge(0, 5, 14); edge(1, 2, 10); edge(1, 3, 15);
edge(2, 3, 11); edge(2, 5, 2); edge(3, 4, 6); edge(4, 5, 9); edge(5, 6, 3000000000);
const dist = new Array<u32>(n).fill(INF);
const done = new Array<boolean>(n).fill(false);
const prev = new Array<i32>(n).fill(-1);
dist[0] = 0;
for (let round = 0; round < n; round++) {
  let u = -1;
  for (let i = 0; i < n; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
  if (dist[u] === INF) break;
  done[u] = true;
  for (let v = 0; v < n; v++) {
    if (w[u][v] === INF) continue;
    const alt: u64 = BigInt(dist[u]) + BigInt(w[u][v]);
    if (alt < BigInt(dist[v])) { dist[v] = Number(alt); prev[v] = u; }
  }
}
let path = "";
for (let v = 4; v >= 0; v = prev[v]) path = `${v}${path === "" ? "" : "->"}${path}`;
console.log(dist.join(" "), path);
