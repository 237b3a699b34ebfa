/**
 * The buddy allocator for physical page frames. A zone manages a contiguous range of page
 * frame numbers; blocks of 2^order pages are split on allocation and merged with their buddy
 * on free. Metadata lives in arrays beside the zone (not in the free pages), so the allocator
 * uses no memory intrinsics and its unit tests run under Node.
 */

/** Largest block: 2^MAX_ORDER pages (4 MiB). */
export const MAX_ORDER: i32 = 10;
/** Marks an empty list / no page. */
export const NO_PAGE: u32 = 0xffffffff;
const STATE_FREE_HEAD: u8 = 0x80;
const STATE_ALLOC_HEAD: u8 = 0x40;
const ORDER_MASK: u8 = 0x0f;

/** Bytes of per-page metadata a zone of `pages` pages needs (state byte, two list links). */
export function buddyMetadataBytes(pages: u32): u32 {
  return pages * 9;
}

/** A zone whose metadata comes from the heap (tests, small zones). */
export function newBuddyZone(name: string, startPfn: u32, endPfn: u32): BuddyZone {
  const n = i32(endPfn - startPfn);
  return new BuddyZone(name, startPfn, endPfn, new Array<u8>(n).fill(0), new Array<u32>(n).fill(0), new Array<u32>(n).fill(0));
}

/** Why a free was refused. */
export const enum FreeError { None = 0, OutOfRange = 1, Misaligned = 2, DoubleFree = 3, WrongOrder = 4 }

/** One zone's buddy allocator and statistics. */
export class BuddyZone {
  private readonly state: u8[];
  private readonly next: u32[];
  private readonly prev: u32[];
  private readonly heads: u32[];
  /** Free blocks per order. */
  readonly freeBlocks: u32[];
  freePages: u32 = 0;
  managedPages: u32 = 0;
  allocations: u32 = 0;
  frees: u32 = 0;
  failures: u32 = 0;
  lastFreeError: i32 = FreeError.None;

  /**
   * A zone over page frames [startPfn, endPfn) whose per-page metadata lives in the given
   * arrays (one element per page; see buddyMetadataBytes). Use newBuddyZone() to get them
   * from the heap.
   */
  constructor(readonly name: string, readonly startPfn: u32, readonly endPfn: u32, state: u8[], next: u32[], prev: u32[]) {
    const n = endPfn - startPfn;
    if (state.length < n || next.length < n || prev.length < n) panic(`buddy: metadata too small for zone ${name}`);
    for (let i = 0; i < i32(n); i++) { state[i] = 0; next[i] = NO_PAGE; prev[i] = NO_PAGE; }
    this.state = state;
    this.next = next;
    this.prev = prev;
    this.heads = new Array<u32>(MAX_ORDER + 1).fill(NO_PAGE);
    this.freeBlocks = new Array<u32>(MAX_ORDER + 1).fill(0);
  }

  /** Number of pages in the zone's range (free or not). */
  get spanPages(): u32 {
    return this.endPfn - this.startPfn;
  }

  private pushFree(pfn: u32, order: i32): void {
    const i = pfn - this.startPfn;
    const head = this.heads[order];
    this.next[i] = head;
    this.prev[i] = NO_PAGE;
    if (head !== NO_PAGE) this.prev[head - this.startPfn] = pfn;
    this.heads[order] = pfn;
    this.state[i] = STATE_FREE_HEAD | u8(order);
    this.freeBlocks[order]++;
  }

  private removeFree(pfn: u32, order: i32): void {
    const i = pfn - this.startPfn;
    const n = this.next[i], p = this.prev[i];
    if (p !== NO_PAGE) this.next[p - this.startPfn] = n;
    else this.heads[order] = n;
    if (n !== NO_PAGE) this.prev[n - this.startPfn] = p;
    this.state[i] = 0;
    this.freeBlocks[order]--;
  }

  /** Adds [start, end) to the free pool as the largest aligned blocks that fit (boot-time). */
  addFreeRange(start: u32, end: u32): void {
    let pfn = start < this.startPfn ? this.startPfn : start;
    const stop = end > this.endPfn ? this.endPfn : end;
    while (pfn < stop) {
      let order = MAX_ORDER;
      while (order > 0 && ((pfn - 0) % (1 << order) !== 0 || pfn + (1 << order) > stop)) order--;
      this.managedPages += 1 << order;
      this.freeBlock(pfn, order);
      pfn += 1 << order;
    }
  }

  /** Allocates 2^order contiguous pages; returns the first page frame number or NO_PAGE. */
  alloc(order: i32): u32 {
    if (order < 0 || order > MAX_ORDER) { this.failures++; return NO_PAGE; }
    let o = order;
    while (o <= MAX_ORDER && this.heads[o] === NO_PAGE) o++;
    if (o > MAX_ORDER) { this.failures++; return NO_PAGE; }
    const pfn = this.heads[o];
    this.removeFree(pfn, o);
    while (o > order) {
      o--;
      this.pushFree(pfn + (1 << o), o);
    }
    this.state[pfn - this.startPfn] = STATE_ALLOC_HEAD | u8(order);
    this.freePages -= 1 << order;
    this.allocations++;
    return pfn;
  }

  /** Frees a block from alloc(); returns FreeError.None or why the free was refused. */
  free(pfn: u32, order: i32): i32 {
    if (pfn < this.startPfn || pfn >= this.endPfn || order < 0 || order > MAX_ORDER || pfn + (1 << order) > this.endPfn) return this.refuse(FreeError.OutOfRange);
    if (pfn % (1 << order) !== 0) return this.refuse(FreeError.Misaligned);
    const st = this.state[pfn - this.startPfn];
    if ((st & STATE_ALLOC_HEAD) === 0) return this.refuse(FreeError.DoubleFree);
    if ((st & ORDER_MASK) !== order) return this.refuse(FreeError.WrongOrder);
    this.freeBlock(pfn, order);
    this.frees++;
    return FreeError.None;
  }

  private refuse(e: FreeError): i32 {
    this.lastFreeError = e;
    return e;
  }

  private freeBlock(pfn: u32, order: i32): void {
    // The block's own head mark goes first: after merging, the head of the free block may be
    // its buddy, and a stale "allocated" mark would let a double free through.
    this.state[pfn - this.startPfn] = 0;
    let p = pfn, o = order;
    this.freePages += 1 << order;
    while (o < MAX_ORDER) {
      const buddy = (p ^ (1 << o)) >>> 0;
      if (buddy < this.startPfn || buddy + (1 << o) > this.endPfn) break;
      const st = this.state[buddy - this.startPfn];
      if (st !== (STATE_FREE_HEAD | u8(o))) break;
      this.removeFree(buddy, o);
      p = p < buddy ? p : buddy;
      o++;
    }
    this.pushFree(p, o);
  }

  /** Is `pfn` the head of a free block (for tests and consistency checks)? */
  isFreeHead(pfn: u32): boolean {
    return (this.state[pfn - this.startPfn] & STATE_FREE_HEAD) !== 0;
  }
}
