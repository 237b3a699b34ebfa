/** A red-black tree (CLRS, parent pointers): 200 000 inserts of pseudo-random keys, 400 000 lookups. */
class RbNode {
  left: RbNode | null = null;
  right: RbNode | null = null;
  parent: RbNode | null = null;
  red = true;
  constructor(readonly key: u32, public val: u32) {}
}

class RbTree {
  root: RbNode | null = null;
  size: u32 = 0;

  insert(key: u32, val: u32): void {
    let p: RbNode | null = null;
    let x = this.root;
    while (x !== null) {
      p = x;
      if (key < x.key) x = x.left;
      else if (key > x.key) x = x.right;
      else { x.val = val; return; }
    }
    const z = new RbNode(key, val);
    z.parent = p;
    if (p === null) this.root = z;
    else if (key < p.key) p.left = z;
    else p.right = z;
    this.size++;
    this.fixInsert(z);
  }

  find(key: u32): RbNode | null {
    let x = this.root;
    while (x !== null && x.key !== key) x = key < x.key ? x.left : x.right;
    return x;
  }

  private fixInsert(node: RbNode): void {
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
          const zp = z.parent!;
          zp.red = false;
          zp.parent!.red = true;
          this.rotateRight(zp.parent!);
        }
      } else {
        const u = g.left;
        if (u !== null && u.red) {
          p.red = false; u.red = false; g.red = true; z = g;
        } else {
          if (z === p.left) { z = p; this.rotateRight(z); }
          const zp = z.parent!;
          zp.red = false;
          zp.parent!.red = true;
          this.rotateLeft(zp.parent!);
        }
      }
    }
    this.root!.red = false;
  }

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
}

function height(n: RbNode | null): u32 {
  if (n === null) return 0;
  const l = height(n.left), r = height(n.right);
  return 1 + (l > r ? l : r);
}

/** The fixed amount of work, with its state in locals as kernel code keeps it. */
function main(): void {
  const tree = new RbTree();
  let x: u32 = 12345;
  for (let i: u32 = 0; i < 200000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    tree.insert(x >>> 12, i);
  }
  let acc: u32 = 0;
  x = 12345;
  for (let i: u32 = 0; i < 400000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const n = tree.find((x >>> 12) + (i & 1));
    if (n !== null) acc = (acc + n.val) >>> 0;
  }
  console.log((acc ^ tree.size ^ (height(tree.root) << 24)) >>> 0);
}

main();
