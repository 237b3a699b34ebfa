/** Hosted unit tests of the red-black tree against a sorted-array model. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { RbNode, RbTree } from "./rbtree.ts";

test("random inserts and removes keep order, invariants and the cached leftmost", () => {
  const tree = new RbTree<number>();
  const nodes: RbNode<number>[] = [];
  for (let i = 0; i < 400; i++) nodes.push(new RbNode<number>(i));
  let seed = 7;
  const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  const live = new Set<number>();
  for (let step = 0; step < 5000; step++) {
    const i = rnd(nodes.length);
    if (live.has(i)) { tree.remove(nodes[i]); live.delete(i); }
    else { tree.insert(nodes[i], BigInt(rnd(50))); live.add(i); }
    assert.ok(tree.validate() > 0, `invariants hold after step ${step}`);
    assert.equal(tree.size, live.size);
  }
  const inOrder: RbNode<number>[] = [];
  for (let n = tree.leftmost; n !== null; n = tree.successor(n)) inOrder.push(n);
  assert.equal(inOrder.length, live.size);
  for (let k = 1; k < inOrder.length; k++) {
    const a = inOrder[k - 1], b = inOrder[k];
    assert.ok(a.key < b.key || (a.key === b.key && a.seq < b.seq), "in order");
  }
});

test("equal keys come out in insertion order", () => {
  const tree = new RbTree<string>();
  const a = new RbNode("a"), b = new RbNode("b"), c = new RbNode("c");
  tree.insert(a, 5n); tree.insert(b, 5n); tree.insert(c, 5n);
  assert.equal(tree.leftmost?.value, "a");
  tree.remove(a);
  assert.equal(tree.leftmost?.value, "b");
});
