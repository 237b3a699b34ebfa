/**
 * Memory objects: the pages that regions of address spaces map by page index, whatever holds
 * them — a shared anonymous segment (mm/shared.ts), a file's pages (fs/tmpfs_map.ts), an
 * executable's image (mm/image.ts). A region maps the object from a page offset on; a shared
 * region maps the object's pages themselves (writes reach every sharer), a private one maps
 * them read-only and copies a page on the first write.
 *
 * Pages are counted (mm/pageref.ts): the object keeps one reference on each page it holds and
 * every mapping of the page takes another, so a page lives until the object has dropped it and
 * the last mapping is gone. The object itself lives while regions refer to it: each Region holds
 * one user, and the last one to let go releases it.
 */

/** pageAt: the page lies past the object's end (past a file's last page): the access is a bus error. */
export const PAGE_PAST_END: u32 = 1;
/** pageAt: the object has no bytes for the page (an executable's bss): a private mapping gets a zero page. */
export const PAGE_ZERO: u32 = 2;

/** A source of pages, shared by the regions that map it. */
export abstract class MemoryObject {
  /** Regions referring to the object (the creator's reference counts as the first). */
  users: u32 = 1;

  /**
   * The physical address of page `index`, prepared on first use; PAGE_PAST_END or PAGE_ZERO
   * when there is no such page, 0 when memory is exhausted. The object keeps the page (a caller
   * that maps it takes a reference of its own).
   */
  abstract pageAt(index: u32): u32;

  /** Pages the object has now (a file's size in pages, rounded up; past them an access is a bus error); 0xffffffff when unbounded. */
  pageLimit(): u32 {
    return 0xffffffff;
  }

  /** Drops every page and whatever else the object holds: the last region let go. */
  abstract release(): void;

  /** One more region refers to the object. */
  acquire(): MemoryObject {
    this.users++;
    return this;
  }

  /** A region lets go: the last one releases the object and frees it. */
  drop(): void {
    if (this.users === 0) panic("memory object dropped more often than acquired");
    this.users--;
    if (this.users !== 0) return;
    this.release();
    dispose(this);
  }
}
