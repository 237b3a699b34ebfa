/** Hosted unit tests of the buddy allocator: the same TypeScript runs under Node. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { newBuddyZone, FreeError, MAX_ORDER, NO_PAGE } from "./buddy.ts";

test("random allocation and free keeps the zone consistent", () => {
  const z = newBuddyZone("unit", 0, 4096);
  z.addFreeRange(0, 4096);
  let seed = 12345;
  const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  const live: [number, number][] = [];
  for (let i = 0; i < 5000; i++) {
    if (live.length && rnd(3) === 0) {
      const [p, o] = live.splice(rnd(live.length), 1)[0];
      assert.equal(z.free(p, o), FreeError.None);
    } else {
      const o = rnd(5);
      const p = z.alloc(o);
      if (p !== NO_PAGE) {
        assert.equal(p % (1 << o), 0, "blocks are aligned to their size");
        for (const [q, qo] of live) assert.ok(p + (1 << o) <= q || q + (1 << qo) <= p, "blocks never overlap");
        live.push([p, o]);
      }
    }
  }
  for (const [p, o] of live) assert.equal(z.free(p, o), FreeError.None);
  assert.equal(z.freePages, 4096);
  assert.equal(z.freeBlocks[MAX_ORDER], 4, "everything merged back into 4 MiB blocks");
});

test("ranges that are not block-aligned are split into aligned blocks", () => {
  const z = newBuddyZone("unit", 0, 2048);
  z.addFreeRange(3, 1029);
  assert.equal(z.freePages, 1026);
  assert.equal(z.alloc(MAX_ORDER), NO_PAGE, "no aligned 4 MiB block inside [3, 1029)");
  assert.notEqual(z.alloc(9), NO_PAGE);
});

test("a double free is caught even when the block merged into its lower buddy", () => {
  const z = newBuddyZone("unit", 0, 16);
  z.addFreeRange(0, 16);
  const a = z.alloc(0), b = z.alloc(0);
  assert.equal(b, a + 1, "two neighbouring pages");
  assert.equal(z.free(a, 0), FreeError.None);
  assert.equal(z.free(b, 0), FreeError.None, "b merges into the block headed by a");
  assert.equal(z.free(b, 0), FreeError.DoubleFree, "the second free of b is refused");
  assert.equal(z.freePages, 16);
});
