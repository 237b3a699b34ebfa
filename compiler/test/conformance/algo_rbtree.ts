// A red-black tree (insert with rotations and recolouring), validated and walked in order.
const RED = true, BLACK = false;
class RbNode {
  left: RbNode | null = null;
  right: RbNode | null = null;
  parent: RbNode | null = null;
  color = RED;
  constructor(readonly key: i32) {}
}
class RbTree {
  root: RbNode | null = null;
  size = 0;
  private rotateLeft(x: RbNode): void {
    const y = x.right!;
    x.right = y.left;
    if (y.left !== null) y.left.parent = x;
    y.parent = x.parent;
    if (x.parent === null) this.root = y;
    else if (x === x.parent.left) x.parent.left = y;
    else x.parent.right = y;
    y.left = x;
    x.parent = y;
  }
  private rotateRight(x: RbNode): void {
    const y = x.left!;
    x.left = y.right;
    if (y.right !== null) y.right.parent = x;
    y.parent = x.parent;
    if (x.parent === null) this.root = y;
    else if (x === x.parent.right) x.parent.right = y;
    else x.parent.left = y;
    y.right = x;
    x.parent = y;
  }
  insert(key: i32): void {
    let p: RbNode | null = null, cur = this.root;
    while (cur !== null) { p = cur; if (key === cur.key) return; cur = key < cur.key ? cur.left : cur.right; }
    const z = new RbNode(key);
    z.parent = p;
    if (p === null) this.root = z; else if (key < p.key) p.left = z; else p.right = z;
    this.size++;
    let n = z;
    while (n.parent !== null && n.parent.color === RED) {
      const par = n.parent, g = par.parent!;
      if (par === g.left) {
        const u = g.right;
        if (u !== null && u.color === RED) { par.color = BLACK; u.color = BLACK; g.color = RED; n = g; continue; }
        if (n === par.right) { n = par; this.rotateLeft(n); }
        n.parent!.color = BLACK; g.color = RED; this.rotateRight(g);
      } else {
        const u = g.left;
        if (u !== null && u.color === RED) { par.color = BLACK; u.color = BLACK; g.color = RED; n = g; continue; }
        if (n === par.left) { n = par; this.rotateRight(n); }
        n.parent!.color = BLACK; g.color = RED; this.rotateLeft(g);
      }
    }
    this.root!.color = BLACK;
  }
  blackHeight(n: RbNode | null): i32 {
    if (n === null) return 1;
    const l = this.blackHeight(n.left), r = this.blackHeight(n.right);
    if (l < 0 || r < 0 || l !== r) return -1;
    if (n.color === RED && ((n.left !== null && n.left.color === RED) || (n.right !== null && n.right.color === RED))) return -1;
    return l + (n.color === BLACK ? 1 : 0);
  }
  inorder(n: RbNode | null, out: i32[]): void {
    if (n === null) return;
    this.inorder(n.left, out); out.push(n.key); this.inorder(n.right, out);
  }
  height(n: RbNode | null): i32 { return n === null ? 0 : 1 + Math.max(this.height(n.left), this.height(n.right)); }
}
const t = new RbTree();
let x: u32 = 12345;
for (let i = 0; i < 2000; i++) { x = u32(Math.imul(x, 1103515245) + 12345); t.insert(i32(x >>> 16) % 5000); }
const keys: i32[] = [];
t.inorder(t.root, keys);
let sorted = true;
for (let i = 1; i < keys.length; i++) if (keys[i - 1] >= keys[i]) sorted = false;
console.log(t.size, keys.length, sorted, t.blackHeight(t.root), t.height(t.root), keys[0], keys[keys.length - 1], t.root!.key);
