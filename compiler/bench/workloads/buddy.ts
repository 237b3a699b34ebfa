/**
 * The kernel's own buddy allocator (kernel/mm/buddy.ts) over a 128 MiB zone: 16000 rounds of
 * 64 allocations of orders 0-3, freed in a scrambled order.
 */
import { BuddyZone, NO_PAGE } from "../../../kernel/mm/buddy.ts";

const PAGES: u32 = 32768;
const BATCH = 64;
/** The fixed amount of work, with its state in locals as kernel code keeps it. */
function main(): void {
  const zone = new BuddyZone("bench", 0, PAGES, new Array<u8>(PAGES).fill(0), new Array<u32>(PAGES).fill(0), new Array<u32>(PAGES).fill(0));
  zone.addFreeRange(0, PAGES);
  const pfns = new Array<u32>(BATCH).fill(0);
  const orders = new Array<i32>(BATCH).fill(0);
  let x: u32 = 1;
  let acc: u32 = 0;
  for (let round = 0; round < 16000; round++) {
    for (let i = 0; i < BATCH; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const order = i32((x >>> 16) & 3);
      const pfn = zone.alloc(order);
      if (pfn === NO_PAGE) panic("out of pages");
      pfns[i] = pfn;
      orders[i] = order;
      acc = (Math.imul(acc, 31) + pfn) >>> 0;
    }
    for (let i = 0; i < BATCH; i++) {
      const j = (i * 37 + round) & (BATCH - 1);
      if (zone.free(pfns[j], orders[j]) !== 0) panic("bad free");
    }
  }
  console.log((acc ^ zone.freePages ^ zone.allocations) >>> 0);
}

main();
