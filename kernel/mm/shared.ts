/**
 * Shared anonymous memory (mmap MAP_SHARED | MAP_ANONYMOUS, or MAP_SHARED of /dev/zero): pages
 * that every region mapping the object sees — the process that made it and its fork children —
 * so a write by one is read by all. A page is zeroed on the first touch by any sharer and stays
 * until the last region lets go of the object. The object keeps the size it was made with, as
 * Linux's shmem object does: a mapping grown past it by mremap faults with SIGBUS there.
 *
 * The pages are found through tables of 1024 physical addresses each, one page apiece and made
 * on first use, so a large sparse object costs the kernel heap no more than its table list.
 */
import { KERNEL_BASE } from "../arch/x86/layout";
import { PAGE_BYTES } from "../arch/x86/paging";
import { MemoryObject, PAGE_PAST_END } from "./memobject";
import { pageGet, pagePut } from "./pageref";
import { allocPages, freePages, Zone } from "./pmm";

/** Physical addresses per table page. */
const PER_TABLE: u32 = 1024;

/** Serial numbers of shared objects: the inode number /proc/<pid>/maps shows for them. */
let serials: u32 = 0;
function nextSerial(): u32 {
  serials = (serials + 1) >>> 0;
  return serials;
}

/** A shared anonymous memory object of a fixed number of demand-zero pages. */
export class SharedMemory extends MemoryObject {
  /** Kernel addresses of the table pages, by page index / PER_TABLE (0: none yet). */
  private readonly tables: u32[];
  /** Which object this is (Linux shows the inode number of the file behind shared anonymous memory). */
  readonly serial: u32 = nextSerial();

  /** An object of `pages` pages, none of them allocated yet. */
  constructor(readonly pages: u32) {
    super();
    this.tables = new Array<u32>(i32((pages + PER_TABLE - 1) >>> 10)).fill(0);
  }

  pageLimit(): u32 {
    return this.pages;
  }

  pageAt(index: u32): u32 {
    if (index >= this.pages) return PAGE_PAST_END;
    const t = i32(index >>> 10);
    let table = this.tables[t];
    if (table === 0) {
      const p = allocPages(0, Zone.Normal);
      if (p === 0) return 0;
      table = p + KERNEL_BASE;
      memset(table, 0, PAGE_BYTES);
      this.tables[t] = table;
    }
    const slot = table + (index & (PER_TABLE - 1)) * 4;
    const known = load32(slot);
    if (known !== 0) return known;
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) return 0;
    memset(phys + KERNEL_BASE, 0, PAGE_BYTES);
    pageGet(phys); // the object's own reference
    store32(slot, phys);
    return phys;
  }

  release(): void {
    for (const table of this.tables) {
      if (table === 0) continue;
      for (let i: u32 = 0; i < PER_TABLE; i++) {
        const p = load32(table + i * 4);
        if (p !== 0) pagePut(p);
      }
      freePages(table - KERNEL_BASE, 0);
    }
    dispose(this.tables);
  }
}
