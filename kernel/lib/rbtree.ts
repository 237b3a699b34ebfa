/**
 * A red-black tree with caller-owned nodes (nothing is allocated on insert or remove, so it
 * is safe in the scheduler's interrupt paths). Nodes are ordered by (key, seq); seq breaks
 * ties so equal keys keep insertion order. The leftmost node is cached.
 */

/** A tree node; embed one in each object that can be in a tree. */
export class RbNode<T> {
  key: u64 = 0n;
  seq: u32 = 0;
  left: RbNode<T> | null = null;
  right: RbNode<T> | null = null;
  parent: RbNode<T> | null = null;
  red = false;
  linked = false;
  constructor(readonly value: T) {}
}

/** The tree. */
export class RbTree<T> {
  root: RbNode<T> | null = null;
  leftmost: RbNode<T> | null = null;
  size: u32 = 0;
  private nextSeq: u32 = 0;

  private less(a: RbNode<T>, b: RbNode<T>): boolean {
    return a.key < b.key || (a.key === b.key && a.seq < b.seq);
  }

  private rotateLeft(x: RbNode<T>): void {
    const y = x.right!;
    x.right = y.left;
    if (y.left !== null) y.left.parent = x;
    y.parent = x.parent;
    const p = x.parent;
    if (p === null) this.root = y;
    else if (p.left === x) p.left = y;
    else p.right = y;
    y.left = x;
    x.parent = y;
  }

  private rotateRight(x: RbNode<T>): void {
    const y = x.left!;
    x.left = y.right;
    if (y.right !== null) y.right.parent = x;
    y.parent = x.parent;
    const p = x.parent;
    if (p === null) this.root = y;
    else if (p.right === x) p.right = y;
    else p.left = y;
    y.right = x;
    x.parent = y;
  }

  /** Inserts node `n` with `key`; the node must not be in a tree. */
  insert(n: RbNode<T>, key: u64): void {
    if (n.linked) panic("rbtree: node inserted twice");
    n.key = key;
    n.seq = this.nextSeq++;
    n.left = null;
    n.right = null;
    n.red = true;
    n.linked = true;
    let parent: RbNode<T> | null = null;
    let cur = this.root;
    let isLeftmost = true;
    while (cur !== null) {
      parent = cur;
      if (this.less(n, cur)) cur = cur.left;
      else { cur = cur.right; isLeftmost = false; }
    }
    n.parent = parent;
    if (parent === null) this.root = n;
    else if (this.less(n, parent)) parent.left = n;
    else parent.right = n;
    if (isLeftmost) this.leftmost = n;
    this.size++;
    this.fixInsert(n);
  }

  private fixInsert(node: RbNode<T>): void {
    let z = node;
    while (z.parent !== null && z.parent.red) {
      const p = z.parent;
      const g = p.parent!;
      if (p === g.left) {
        const u = g.right;
        if (u !== null && u.red) {
          p.red = false; u.red = false; g.red = true; z = g;
        } else {
          if (z === p.right) { z = p; this.rotateLeft(z); }
          z.parent!.red = false;
          z.parent!.parent!.red = true;
          this.rotateRight(z.parent!.parent!);
        }
      } else {
        const u = g.left;
        if (u !== null && u.red) {
          p.red = false; u.red = false; g.red = true; z = g;
        } else {
          if (z === p.left) { z = p; this.rotateRight(z); }
          z.parent!.red = false;
          z.parent!.parent!.red = true;
          this.rotateLeft(z.parent!.parent!);
        }
      }
    }
    this.root!.red = false;
  }

  private minimum(n: RbNode<T>): RbNode<T> {
    let x = n;
    while (x.left !== null) x = x.left;
    return x;
  }

  private transplant(u: RbNode<T>, v: RbNode<T> | null): void {
    const p = u.parent;
    if (p === null) this.root = v;
    else if (u === p.left) p.left = v;
    else p.right = v;
    if (v !== null) v.parent = p;
  }

  /** Removes node `z` (which must be in this tree). */
  remove(z: RbNode<T>): void {
    if (!z.linked) panic("rbtree: removing a node that is not in the tree");
    if (this.leftmost === z) this.leftmost = this.successor(z);
    let y = z;
    let yWasRed = y.red;
    let x: RbNode<T> | null;
    let xParent: RbNode<T> | null;
    if (z.left === null) {
      x = z.right;
      xParent = z.parent;
      this.transplant(z, z.right);
    } else if (z.right === null) {
      x = z.left;
      xParent = z.parent;
      this.transplant(z, z.left);
    } else {
      y = this.minimum(z.right);
      yWasRed = y.red;
      x = y.right;
      if (y.parent === z) {
        xParent = y;
      } else {
        xParent = y.parent;
        this.transplant(y, y.right);
        y.right = z.right;
        y.right!.parent = y;
      }
      this.transplant(z, y);
      y.left = z.left;
      y.left!.parent = y;
      y.red = z.red;
    }
    if (!yWasRed) this.fixRemove(x, xParent);
    z.linked = false;
    z.left = null;
    z.right = null;
    z.parent = null;
    this.size--;
  }

  private fixRemove(node: RbNode<T> | null, parent: RbNode<T> | null): void {
    let x = node;
    let p = parent;
    while (x !== this.root && (x === null || !x.red) && p !== null) {
      if (x === p.left) {
        let w = p.right!;
        if (w.red) { w.red = false; p.red = true; this.rotateLeft(p); w = p.right!; }
        if ((w.left === null || !w.left.red) && (w.right === null || !w.right.red)) {
          w.red = true; x = p; p = x.parent;
        } else {
          if (w.right === null || !w.right.red) { w.left!.red = false; w.red = true; this.rotateRight(w); w = p.right!; }
          w.red = p.red; p.red = false;
          if (w.right !== null) w.right.red = false;
          this.rotateLeft(p);
          x = this.root; p = null;
        }
      } else {
        let w = p.left!;
        if (w.red) { w.red = false; p.red = true; this.rotateRight(p); w = p.left!; }
        if ((w.right === null || !w.right.red) && (w.left === null || !w.left.red)) {
          w.red = true; x = p; p = x.parent;
        } else {
          if (w.left === null || !w.left.red) { w.right!.red = false; w.red = true; this.rotateLeft(w); w = p.left!; }
          w.red = p.red; p.red = false;
          if (w.left !== null) w.left.red = false;
          this.rotateRight(p);
          x = this.root; p = null;
        }
      }
    }
    if (x !== null) x.red = false;
  }

  /** The next node in order, or null. */
  successor(n: RbNode<T>): RbNode<T> | null {
    if (n.right !== null) return this.minimum(n.right);
    let x = n;
    let p = n.parent;
    while (p !== null && x === p.right) { x = p; p = p.parent; }
    return p;
  }

  /** Checks the red-black invariants; returns the black height, or -1 when broken (for tests). */
  validate(): i32 {
    if (this.root !== null && this.root.red) return -1;
    return this.blackHeight(this.root);
  }

  private blackHeight(n: RbNode<T> | null): i32 {
    if (n === null) return 1;
    if (n.red && ((n.left !== null && n.left.red) || (n.right !== null && n.right.red))) return -1;
    if (n.left !== null && (n.left.parent !== n || this.less(n, n.left))) return -1;
    if (n.right !== null && (n.right.parent !== n || this.less(n.right, n))) return -1;
    const l = this.blackHeight(n.left), r = this.blackHeight(n.right);
    if (l < 0 || r < 0 || l !== r) return -1;
    return l + (n.red ? 0 : 1);
  }
}
