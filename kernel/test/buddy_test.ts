/** KTAP suite: the buddy allocator, on a private zone and on the live zones. */
import { Suite, TestContext } from "./ktap";
import { newBuddyZone, FreeError, MAX_ORDER, NO_PAGE } from "../mm/buddy";
import { allocPages, freePages, totalFreePages, Zone } from "../mm/pmm";

function splitAndMerge(t: TestContext): void {
  const z = newBuddyZone("test", 0, 1024);
  z.addFreeRange(0, 1024);
  t.expectEq(i64(z.freePages), 1024n, "free pages after adding 1024");
  t.expectEq(i64(z.freeBlocks[MAX_ORDER]), 1n, "one max-order block");
  const a = z.alloc(0);
  t.expect(a !== NO_PAGE, "order-0 allocation succeeds");
  t.expectEq(i64(z.freePages), 1023n, "one page taken");
  for (let o = 0; o < MAX_ORDER; o++) t.expectEq(i64(z.freeBlocks[o]), 1n, `one free block of order ${o} after splitting`);
  t.expectEq(i64(z.free(a, 0)), i64(FreeError.None), "free succeeds");
  t.expectEq(i64(z.freeBlocks[MAX_ORDER]), 1n, "buddies merged back into one block");
}

function exhaustion(t: TestContext): void {
  const z = newBuddyZone("test", 0, 64);
  z.addFreeRange(0, 64);
  const got: u32[] = [];
  for (;;) {
    const p = z.alloc(2);
    if (p === NO_PAGE) break;
    got.push(p);
  }
  t.expectEq(i64(got.length), 16n, "sixteen order-2 blocks in 64 pages");
  t.expectEq(i64(z.failures), 1n, "the failed allocation is counted");
  for (const p of got) z.free(p, 2);
  t.expectEq(i64(z.freePages), 64n, "all pages back");
}

function badFrees(t: TestContext): void {
  const z = newBuddyZone("test", 0, 64);
  z.addFreeRange(0, 64);
  const p = z.alloc(1);
  t.expectEq(i64(z.free(p, 0)), i64(FreeError.WrongOrder), "wrong order refused");
  t.expectEq(i64(z.free(p, 1)), i64(FreeError.None), "right order accepted");
  t.expectEq(i64(z.free(p, 1)), i64(FreeError.DoubleFree), "double free detected");
  t.expectEq(i64(z.free(1000, 0)), i64(FreeError.OutOfRange), "out-of-range free detected");
  t.expectEq(i64(z.free(1, 1)), i64(FreeError.Misaligned), "misaligned free detected");
  t.expectEq(i64(z.freePages), 64n, "refused frees changed nothing");
}

function liveZones(t: TestContext): void {
  const before = totalFreePages();
  const a = allocPages(3, Zone.Normal);
  t.expect(a !== 0 && (a & 0x7fff) === 0, "order-3 block is 32 KiB aligned");
  const d = allocPages(0, Zone.Dma);
  t.expect(d !== 0 && d < (16 << 20), "DMA page is below 16 MiB");
  t.expect(a >= (1 << 20), "never hands out the first MiB");
  t.expectEq(i64(freePages(a, 3)), 0n, "free order-3");
  // Back to back: with little memory any allocation in between could legitimately reuse the page.
  const first = freePages(d, 0);
  const second = freePages(d, 0);
  t.expectEq(i64(first), 0n, "free DMA page");
  t.expectEq(i64(second), i64(FreeError.DoubleFree), "double free of a live page detected");
  t.expectEq(i64(totalFreePages()), i64(before), "free count restored");
}

/** The buddy suite. */
export function buddySuite(): Suite {
  return new Suite("buddy")
    .test("split_and_merge", splitAndMerge)
    .test("exhaustion", exhaustion)
    .test("bad_frees_detected", badFrees)
    .test("live_zones", liveZones);
}
