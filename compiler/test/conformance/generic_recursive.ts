// A generic binary search tree with a comparator function, instantiated for two key types.
class TreeNode<K> {
  left: TreeNode<K> | null = null;
  right: TreeNode<K> | null = null;
  constructor(readonly key: K) {}
}
class Bst<K> {
  root: TreeNode<K> | null = null;
  size = 0;
  constructor(readonly less: (a: K, b: K) => boolean) {}
  insert(k: K): void {
    if (this.root === null) { this.root = new TreeNode<K>(k); this.size++; return; }
    let n = this.root;
    while (true) {
      if (this.less(k, n.key)) { if (n.left === null) { n.left = new TreeNode<K>(k); this.size++; return; } n = n.left; }
      else if (this.less(n.key, k)) { if (n.right === null) { n.right = new TreeNode<K>(k); this.size++; return; } n = n.right; }
      else return;
    }
  }
  depth(n: TreeNode<K> | null): i32 { return n === null ? 0 : 1 + Math.max(this.depth(n.left), this.depth(n.right)); }
}
function lessI(a: i32, b: i32): boolean { return a < b; }
function lessS(a: string, b: string): boolean { return a < b; }
const t = new Bst<i32>(lessI);
for (const v of [50, 30, 70, 20, 40, 60, 80, 30, 65]) t.insert(v);
const s = new Bst<string>(lessS);
for (const w of "the quick brown fox jumps over the lazy dog".split(" ")) s.insert(w);
console.log(t.size, t.depth(t.root), t.root!.left!.right!.key, s.size, s.depth(s.root), s.root!.key);
