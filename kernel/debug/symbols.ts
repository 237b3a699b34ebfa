/**
 * The kernel symbol table: maps a code address to its function name and TypeScript file:line,
 * for symbolised backtraces. The build (tools/build/ksyms.ts) encodes the table from the linked
 * ELF's symbols and DWARF line table and places it in the .ksyms section after everything else.
 *
 * Layout (little-endian): a 20-byte header (magic "KSYM", range count N, name count, file
 * count, string bytes), u32 starts[N + 1] in ascending order (starts[N] ends the last range),
 * N ranges of { u16 name, u16 file, u32 line }, u32 name offsets, u32 file offsets, and the
 * NUL-terminated strings. Nothing here allocates, so panics can use it with a broken heap.
 */

const MAGIC: u32 = 0x4d59534b;
const HEADER_BYTES: u32 = 20;
const RANGE_BYTES: u32 = 8;
const NO_INDEX: u32 = 0xffff;

/** Reads a table word; the table's only memory access, so hosted tests place tables in simulated memory. */
function readU32(addr: usize): u32 {
  return load32(addr);
}

/** A view of an encoded symbol table in memory; empty (every lookup fails) until attached. */
export class SymbolTable {
  count: u32 = 0;
  private starts: usize = 0;
  private ranges: usize = 0;
  private names: usize = 0;
  private files: usize = 0;
  private strings: usize = 0;

  /** Attaches the table at [base, base + size); false (and empty) when it is missing or malformed. */
  attach(base: usize, size: usize): boolean {
    this.count = 0;
    if (size < HEADER_BYTES || readU32(base) !== MAGIC) return false;
    const n = readU32(base + 4), nameCount = readU32(base + 8), fileCount = readU32(base + 12), stringBytes = readU32(base + 16);
    // Every count is bounded by the size, so the sum below cannot overflow.
    if (n > size || nameCount > size || fileCount > size || stringBytes > size) return false;
    const need = HEADER_BYTES + 4 * (n + 1) + RANGE_BYTES * n + 4 * nameCount + 4 * fileCount + stringBytes;
    if (need > size || n === 0) return false;
    this.starts = base + HEADER_BYTES;
    this.ranges = this.starts + 4 * (n + 1);
    this.names = this.ranges + RANGE_BYTES * n;
    this.files = this.names + 4 * nameCount;
    this.strings = this.files + 4 * fileCount;
    this.count = n;
    return true;
  }

  /** The range holding `addr` (a binary search over the starts), or -1 outside the table. */
  lookup(addr: usize): i32 {
    const n = this.count;
    if (n === 0 || addr < readU32(this.starts) || addr >= readU32(this.starts + 4 * n)) return -1;
    let lo: u32 = 0, hi: u32 = n; // invariant: starts[lo] <= addr < starts[hi]
    while (hi - lo > 1) {
      const mid = lo + ((hi - lo) >>> 1);
      if (readU32(this.starts + 4 * mid) <= addr) lo = mid;
      else hi = mid;
    }
    return i32(lo);
  }

  /** First address of range `i`. */
  rangeStart(i: i32): usize {
    return readU32(this.starts + 4 * u32(i));
  }

  /** Address of the NUL-terminated function name of range `i`, or 0 when it has none. */
  nameAt(i: i32): usize {
    const index = readU32(this.ranges + RANGE_BYTES * u32(i)) & 0xffff;
    return index === NO_INDEX ? 0 : this.strings + readU32(this.names + 4 * index);
  }

  /** Address of the NUL-terminated source file name of range `i`, or 0 without line information. */
  fileAt(i: i32): usize {
    const index = readU32(this.ranges + RANGE_BYTES * u32(i)) >>> 16;
    return index === NO_INDEX ? 0 : this.strings + readU32(this.files + 4 * index);
  }

  /** Source line of range `i` (0 without line information). */
  lineAt(i: i32): u32 {
    return readU32(this.ranges + RANGE_BYTES * u32(i) + 4);
  }
}

/** Copies a NUL-terminated string out of memory (at most `max` bytes); for tests and messages. */
export function stringAt(addr: usize, max: u32): string {
  let s = "";
  for (let i: u32 = 0; i < max; i++) {
    const c = load8(addr + i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

const kernelTable = new SymbolTable();
let kernelTableAttached = false;

/** The kernel's own symbol table, from the .ksyms section (empty in a build without one). */
export function kernelSymbols(): SymbolTable {
  if (!kernelTableAttached) {
    kernelTableAttached = true;
    const start = symbolAddress("__ksyms_start");
    kernelTable.attach(start, symbolAddress("__ksyms_end") - start);
  }
  return kernelTable;
}
