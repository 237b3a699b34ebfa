/**
 * Allocation-site accounting for the kernel heap (the `kmemleak` boot flag): every live kmalloc
 * block is recorded with the function that asked for it — the first caller on the frame-pointer
 * chain that is not the allocator or the compiler's runtime (`new`, array and string helpers) —
 * and /proc/kmemleak lists the sites that hold memory, most bytes first. Run a workload twice
 * and compare: a site whose count grows with the number of operations is a leak.
 *
 * The tables come from the buddy allocator when the flag is seen, so the heap they watch never
 * allocates for them. Off (the default), the heap pays one predictable branch per call.
 */
import { allocPages, PAGE_SIZE, Zone } from "../mm/pmm";
import { KERNEL_BASE } from "../arch/x86/layout";
import { callerFrame, frameReturnAddress } from "../arch/x86/traps";
import { kernelSymbols } from "./symbols";
import { ProcText } from "../fs/procfs/text";

/** Blocks tracked at once (open addressing; a full table stops recording and says so). */
const BLOCK_SLOTS: u32 = 1 << 16;
/** Distinct allocation sites. */
const SITE_SLOTS: u32 = 1 << 11;
/** Return addresses examined per allocation for a caller outside the allocator. */
const MAX_DEPTH: u32 = 8;
/** Return addresses whose function is known to be (or not to be) part of the allocator. */
const CLASSIFY_SLOTS: u32 = 1 << 10;

const EMPTY: u32 = 0;
const TOMBSTONE: u32 = 1;

class Tables {
  enabled = false;
  /** Blocks: address (EMPTY/TOMBSTONE when free), site index, size. 12 bytes each. */
  blocks: u32 = 0;
  blocksUsed: u32 = 0;
  /** Sites: return address, live blocks, live bytes, blocks ever. 16 bytes each. */
  sites: u32 = 0;
  siteCount: u32 = 0;
  /** Return address -> 1 (allocator) or 2 (a caller): 8 bytes each. */
  classes: u32 = 0;
  /** Allocations that could not be recorded (a table was full). */
  dropped: u32 = 0;
}

const t = new Tables();

function hash(x: u32): u32 {
  return Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
}

function tablePages(bytes: u32): u32 {
  let order = 0;
  while ((PAGE_SIZE << order) < bytes) order++;
  const phys = allocPages(order, Zone.Normal);
  if (phys === 0) return 0;
  const v = phys + KERNEL_BASE;
  memset(v, 0, PAGE_SIZE << order);
  return v;
}

/** Turns tracking on (boot, `kmemleak` on the command line); false when the tables do not fit. */
export function kmemleakEnable(): boolean {
  t.blocks = tablePages(BLOCK_SLOTS * 12);
  t.sites = tablePages(SITE_SLOTS * 16);
  t.classes = tablePages(CLASSIFY_SLOTS * 8);
  t.enabled = t.blocks !== 0 && t.sites !== 0 && t.classes !== 0;
  return t.enabled;
}

/** Is tracking on? */
export function kmemleakEnabled(): boolean {
  return t.enabled;
}

/** Does the function holding return address `ret` belong to the allocator or the compiler's runtime? */
function isAllocatorFrame(ret: u32): boolean {
  let i = hash(ret) & (CLASSIFY_SLOTS - 1);
  for (let probe: u32 = 0; probe < CLASSIFY_SLOTS; probe++) {
    const e = t.classes + i * 8;
    const key = load32(e);
    if (key === ret) return load32(e + 4) === 1;
    if (key === 0) {
      const symbols = kernelSymbols();
      const range = symbols.lookup(ret - 1);
      const name = range >= 0 ? symbols.nameAt(range) : 0;
      // ostc_* (the runtime: objects, arrays, strings, formatting), kmalloc and its entry point.
      const alloc = name !== 0 && (startsWith(name, "ostc_") || startsWith(name, "kernel_alloc") || startsWith(name, "kmalloc") || startsWith(name, "kernelAlloc"));
      store32(e, ret);
      store32(e + 4, alloc ? 1 : 2);
      return alloc;
    }
    i = (i + 1) & (CLASSIFY_SLOTS - 1);
  }
  return false;
}

function startsWith(cstr: u32, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) if (load8(cstr + u32(i)) !== prefix.charCodeAt(i)) return false;
  return true;
}

/** The first return address on the chain from `fp` outside the allocator (0: none found). */
function allocationSite(fp: u32): u32 {
  let f = fp;
  for (let d: u32 = 0; d < MAX_DEPTH && f !== 0; d++) {
    const ret = frameReturnAddress(f);
    if (ret < 0xc0000000) return 0;
    if (!isAllocatorFrame(ret)) return ret;
    f = callerFrame(f);
  }
  return 0;
}

/** The site table entry for `ret`, created when new (0xffffffff when the table is full). */
function siteIndex(ret: u32): u32 {
  let i = hash(ret) & (SITE_SLOTS - 1);
  for (let probe: u32 = 0; probe < SITE_SLOTS; probe++) {
    const e = t.sites + i * 16;
    const key = load32(e);
    if (key === ret) return i;
    if (key === 0) {
      store32(e, ret);
      t.siteCount++;
      return i;
    }
    i = (i + 1) & (SITE_SLOTS - 1);
  }
  return 0xffffffff;
}

/** Records block `addr` of `size` bytes, allocated by the code whose frame pointer is `fp`. */
export function kmemleakAlloc(addr: u32, size: u32, fp: u32): void {
  if (t.blocksUsed >= BLOCK_SLOTS - (BLOCK_SLOTS >>> 3)) { t.dropped++; return; }
  const site = siteIndex(allocationSite(fp));
  if (site === 0xffffffff) { t.dropped++; return; }
  let i = hash(addr) & (BLOCK_SLOTS - 1);
  for (;;) {
    const e = t.blocks + i * 12;
    const key = load32(e);
    if (key === EMPTY || key === TOMBSTONE) {
      store32(e, addr);
      store32(e + 4, site);
      store32(e + 8, size);
      break;
    }
    i = (i + 1) & (BLOCK_SLOTS - 1);
  }
  t.blocksUsed++;
  const s = t.sites + site * 16;
  store32(s + 4, load32(s + 4) + 1);
  store32(s + 8, load32(s + 8) + size);
  store32(s + 12, load32(s + 12) + 1);
}

/** Forgets block `addr` (freed); blocks allocated before tracking began are not known. */
export function kmemleakFree(addr: u32): void {
  let i = hash(addr) & (BLOCK_SLOTS - 1);
  for (let probe: u32 = 0; probe < BLOCK_SLOTS; probe++) {
    const e = t.blocks + i * 12;
    const key = load32(e);
    if (key === EMPTY) return;
    if (key === addr) {
      const s = t.sites + load32(e + 4) * 16;
      store32(s + 4, load32(s + 4) - 1);
      store32(s + 8, load32(s + 8) - load32(e + 8));
      store32(e, TOMBSTONE);
      t.blocksUsed--;
      return;
    }
    i = (i + 1) & (BLOCK_SLOTS - 1);
  }
}

/**
 * /proc/kmemleak: one line per site holding memory, most live bytes first — live blocks, live
 * bytes, blocks allocated since tracking began, the return address and its function
 * (file:line). Without the boot flag the file says how to turn tracking on.
 */
export function generateKmemleak(out: ProcText, _pid: i32): i32 {
  if (!t.enabled) {
    out.text("allocation tracking is off: boot with kmemleak on the command line\n");
    return 0;
  }
  out.text(`blocks ${t.blocksUsed} sites ${t.siteCount} dropped ${t.dropped}\n`);
  out.text("    live      bytes      total  site\n");
  // Selection by descending live bytes without a scratch buffer: each pass prints the largest
  // site below the previous one's (sites of equal size print together).
  let bound: u32 = 0xffffffff;
  for (let pass = 0; pass < 64; pass++) {
    let best: u32 = 0;
    for (let i: u32 = 0; i < SITE_SLOTS; i++) {
      const b = load32(t.sites + i * 16 + 8);
      if (b < bound && b > best) best = b;
    }
    if (best === 0) break;
    for (let i: u32 = 0; i < SITE_SLOTS; i++) {
      const s = t.sites + i * 16;
      if (load32(s + 8) !== best) continue;
      out.decimal(u64(load32(s + 4)), 8, false);
      out.decimal(u64(best), 11, false);
      out.decimal(u64(load32(s + 12)), 11, false);
      out.text("  ");
      siteName(out, load32(s));
      out.byte(10);
    }
    bound = best;
  }
  return 0;
}

function siteName(out: ProcText, ret: u32): void {
  if (ret === 0) { out.text("(unknown caller)"); return; }
  out.text("0x");
  for (let sh = 28; sh >= 0; sh -= 4) out.byte(u8("0123456789abcdef".charCodeAt((ret >>> sh) & 15)));
  const symbols = kernelSymbols();
  const range = symbols.lookup(ret - 1);
  if (range < 0) return;
  const name = symbols.nameAt(range), file = symbols.fileAt(range);
  if (name !== 0) { out.byte(32); cstring(out, name); }
  if (file !== 0) { out.text(" ("); cstring(out, file); out.text(`:${symbols.lineAt(range)})`); }
}

function cstring(out: ProcText, p: u32): void {
  for (let i: u32 = 0; i < 200; i++) {
    const c = load8(p + i);
    if (c === 0) return;
    out.byte(c);
  }
}
