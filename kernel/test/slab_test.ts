/** KTAP suite: slab caches and kmalloc size classes. */
import { Suite, TestContext } from "./ktap";
import { SlabCache, SlabError, cacheFor, cacheOf } from "../mm/slab";
import { kfree, kmalloc, heapBytesInUse } from "../mm/heap";
import { totalFreePages } from "../mm/pmm";

function sizeClasses(t: TestContext): void {
  t.expectEq(i64(cacheFor(1)!.objectSize), 16n, "1 byte -> 16-byte class");
  t.expectEq(i64(cacheFor(17)!.objectSize), 32n, "17 bytes -> 32-byte class");
  t.expectEq(i64(cacheFor(1024)!.objectSize), 1024n, "1024 bytes -> 1024-byte class");
  t.expect(cacheFor(1025) === null, "above 1024 bytes there is no slab class");
}

function reuse(t: TestContext): void {
  const c = new SlabCache("test-48", 48, 0, true);
  const a = c.alloc(), b = c.alloc();
  t.expect(a !== 0 && b !== 0 && a !== b, "two distinct objects");
  t.expectEq(i64(b > a ? b - a : a - b), 48n, "adjacent objects are one object size apart");
  store32(a + 8, 1234);
  t.expectEq(i64(c.free(a)), i64(SlabError.None), "free");
  t.expectEq(i64(load32(a + 8)), 0x6b6b6b6bn, "a freed object is poisoned");
  t.expectEq(i64(c.free(a)), i64(SlabError.DoubleFree), "a double free is detected");
  t.expectEq(i64(c.free(a + 4)), i64(SlabError.Misaligned), "a pointer into an object is refused");
  const again = c.alloc();
  t.expectEq(i64(again), i64(a), "the freed object is reused first");
  t.expectEq(i64(load32(again + 8)), 0n, "and comes back zeroed");
}

function manyObjects(t: TestContext): void {
  const before = totalFreePages();
  const objs: u32[] = [];
  for (let i = 0; i < 1000; i++) objs.push(kmalloc(100));
  const c = cacheOf(objs[0]);
  t.expect(c !== null && c.objectSize === 128, "100-byte objects come from kmalloc-128");
  let distinct = true;
  for (let i = 1; i < objs.length; i++) if (objs[i] === objs[i - 1]) distinct = false;
  t.expect(distinct, "all objects distinct");
  const used = heapBytesInUse();
  for (const o of objs) kfree(o);
  t.expectEq(i64(used - heapBytesInUse()), 128000n, "accounting returns 1000 x 128 bytes");
  t.expect(totalFreePages() <= before, "slab pages stay cached in their slabs");
}

/** The slab suite. */
export function slabSuite(): Suite {
  return new Suite("slab")
    .test("size_classes", sizeClasses)
    .test("reuse_and_poison", reuse)
    .test("many_objects", manyObjects);
}
