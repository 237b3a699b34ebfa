/**
 * Executable images paged in from bytes that never change (files in the initramfs archive, which
 * stays reserved for the kernel's lifetime). Each page of a loaded segment is prepared once, on
 * the first touch by any process (the file's bytes copied into a page of its own, zeros around
 * them), and kept: every process running the program maps the same physical pages, read-only,
 * copy-on-write where the segment is writable, as Linux maps a file's page cache. So execve maps
 * nothing up front, a first touch costs one mapping, and an emulator's translated code (keyed by
 * physical address) stays valid from one run of a program to the next.
 *
 * The cache holds one reference to each page it prepared and never lets go: its size is bounded
 * by the executable bytes of the archive that were ever touched. Each segment is a memory object
 * (mm/memobject.ts) that the "image" regions map privately from page 0 at `start`; the cache's
 * own user keeps it alive.
 */
import { PAGE_BYTES } from "../arch/x86/paging";
import { KERNEL_BASE } from "../arch/x86/layout";
import { allocPages, Zone } from "./pmm";
import { pageGet } from "./pageref";
import { MemoryObject, PAGE_ZERO } from "./memobject";

/** One PT_LOAD segment of an archive file, with the pages prepared so far. */
export class ImageSegment extends MemoryObject {
  /** Physical page by page index from `start` (0: not prepared yet). */
  private pages: u32[] = [];

  /**
   * The segment whose `fileBytes` bytes at kernel address `data` belong at user address `vaddr`;
   * it spans the pages [start, end), and `filePage` is the page of the file at `start` (pages
   * are indexed by file page, as a file's pages are).
   */
  constructor(readonly data: u32, readonly vaddr: u32, readonly fileBytes: u32, readonly start: u32, readonly end: u32, readonly filePage: u32) {
    super();
  }

  /** File page `filePage + k` (the segment's page k): its prepared copy of the file bytes, or PAGE_ZERO past them (bss); 0 when out of memory. */
  pageAt(filePageIndex: u32): u32 {
    const index = filePageIndex - this.filePage;
    if (filePageIndex < this.filePage || index >= (this.end - this.start) >>> 12) return PAGE_ZERO;
    const va = this.start + index * PAGE_BYTES;
    if (va >= this.vaddr + this.fileBytes) return PAGE_ZERO;
    const i = i32(index);
    while (this.pages.length <= i) this.pages.push(0);
    const known = this.pages[i];
    if (known !== 0) return known;
    const phys = allocPages(0, Zone.Normal);
    if (phys === 0) return 0;
    const k = phys + KERNEL_BASE;
    const lo = va > this.vaddr ? va : this.vaddr;
    const fileEnd = this.vaddr + this.fileBytes;
    const hi = va + PAGE_BYTES < fileEnd ? va + PAGE_BYTES : fileEnd;
    if (lo > va) memset(k, 0, lo - va);
    memmove(k + (lo - va), this.data + (lo - this.vaddr), hi - lo);
    if (va + PAGE_BYTES > hi) memset(k + (hi - va), 0, va + PAGE_BYTES - hi);
    pageGet(phys); // the cache's own reference: the page outlives every process that maps it
    this.pages[i] = phys;
    return phys;
  }

  /** Never called: the cache keeps its user for the kernel's lifetime. */
  release(): void {
    panic("an executable image segment was released");
  }
}

const segments: ImageSegment[] = [];

/**
 * The shared segment for `fileBytes` bytes at kernel address `data` (memory that never changes)
 * loaded at user address `vaddr`, spanning [start, end) from file page `filePage` on: the same
 * object for every exec of the same file, so its prepared pages are found again.
 */
export function imageSegment(data: u32, vaddr: u32, fileBytes: u32, start: u32, end: u32, filePage: u32): ImageSegment {
  for (const s of segments) {
    if (s.data === data && s.vaddr === vaddr && s.fileBytes === fileBytes && s.start === start && s.end === end && s.filePage === filePage) return s;
  }
  const s = new ImageSegment(data, vaddr, fileBytes, start, end, filePage);
  segments.push(s);
  return s;
}
