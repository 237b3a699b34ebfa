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
 * by the executable bytes of the archive that were ever touched.
 */
import { PAGE_BYTES } from "../arch/x86/paging";
import { KERNEL_BASE } from "../arch/x86/layout";
import { allocPages, Zone } from "./pmm";
import { pageGet } from "./pageref";

/** One PT_LOAD segment of an archive file, with the pages prepared so far. */
export class ImageSegment {
  /** Physical page by page index from `start` (0: not prepared yet). */
  private pages: u32[] = [];

  /**
   * The segment whose `fileBytes` bytes at kernel address `data` belong at user address `vaddr`;
   * it spans the pages [start, end).
   */
  constructor(readonly data: u32, readonly vaddr: u32, readonly fileBytes: u32, readonly start: u32, readonly end: u32) {}

  /** Whether the page at `va` holds bytes of the file (past them the segment is demand-zero bss). */
  hasFileBytes(va: u32): boolean {
    return va >= this.start && va < this.vaddr + this.fileBytes;
  }

  /** The physical page holding the page at `va` (page-aligned, with file bytes); 0 when out of memory. */
  page(va: u32): u32 {
    const i = i32((va - this.start) >>> 12);
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
}

const segments: ImageSegment[] = [];

/**
 * The shared segment for `fileBytes` bytes at kernel address `data` (memory that never changes)
 * loaded at user address `vaddr` and spanning [start, end): the same object for every exec of
 * the same file, so its prepared pages are found again.
 */
export function imageSegment(data: u32, vaddr: u32, fileBytes: u32, start: u32, end: u32): ImageSegment {
  for (const s of segments) {
    if (s.data === data && s.vaddr === vaddr && s.fileBytes === fileBytes && s.start === start && s.end === end) return s;
  }
  const s = new ImageSegment(data, vaddr, fileBytes, start, end);
  segments.push(s);
  return s;
}
