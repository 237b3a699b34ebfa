/**
 * Physical memory: turns the loader's memory map into buddy zones. The map is distrusted:
 * the first MiB, the kernel image, the multiboot information and modules are always reserved,
 * and where entries overlap, reserved wins. Zones: DMA below 16 MiB, Normal up to the end of
 * the kernel's direct map (at most 896 MiB), High above it (allocatable, not direct-mapped).
 * The zones' metadata is carved out of usable memory before the buddy allocator exists
 * (a boot allocator in the spirit of Linux's memblock).
 */
import { BootInfo, MemoryRegion } from "../boot/multiboot";
import { BOOT_MAP_BYTES, KERNEL_BASE } from "../arch/x86/layout";
import { BuddyZone, NO_PAGE, buddyMetadataBytes } from "./buddy";
import { info, warn } from "../lib/printk";

/** Page size in bytes. */
export const PAGE_SIZE: u32 = 4096;
/** Largest direct map: the kernel half above it holds vmalloc and fixed mappings. */
export const MAX_DIRECT_MAP_BYTES: u32 = 0x38000000;
const DMA_LIMIT_PFN: u32 = (16 << 20) >>> 12;
const PFN_LIMIT: u32 = 0x100000; // 4 GiB

/** Memory zones. */
export const enum Zone { Dma = 0, Normal = 1, High = 2 }

class PhysicalMemory {
  zones: BuddyZone[] = [];
  totalUsablePages: u32 = 0;
  directMapBytes: u32 = 0;
  /** Reserved [start, end) page ranges, flattened pairs. */
  reserved: u32[] = [];
  metadataPages: u32 = 0;
}
const pmm = new PhysicalMemory();

/** The zones (DMA, Normal, High — those that exist). */
export function zones(): BuddyZone[] {
  return pmm.zones;
}

/** Bytes of physical memory the kernel maps directly at KERNEL_BASE (set by pmmInit). */
export function directMapBytes(): u32 {
  return pmm.directMapBytes;
}

function pageUp(a: u64): u32 {
  return u32(Number((a + 4095n) / 4096n));
}
function pageDown(a: u64): u32 {
  return u32(Number(a / 4096n));
}

/**
 * Is page frame `pfn` usable according to the memory map? The whole page must lie in a usable
 * entry, and any reserved entry touching it wins over usable ones (overlaps are resolved
 * toward safety).
 */
export function pageUsable(regions: MemoryRegion[], pfn: u32): boolean {
  const addr = BigInt(pfn) * 4096n;
  let usable = false;
  for (const r of regions) {
    if (addr >= r.base && addr + 4096n <= r.base + r.length) {
      if (r.type !== 1) return false;
      usable = true;
    } else if (addr < r.base + r.length && addr + 4096n > r.base && r.type !== 1) {
      return false; // a reserved entry overlaps part of this page
    }
  }
  return usable;
}

function isReserved(pfn: u32): boolean {
  const r = pmm.reserved;
  for (let i = 0; i < r.length; i += 2) if (pfn >= r[i] && pfn < r[i + 1]) return true;
  return false;
}

function reserve(start: u32, end: u32): void {
  pmm.reserved.push(start);
  pmm.reserved.push(end);
}

/** Carves `pages` contiguous usable, unreserved pages inside the boot map; returns the first pfn or NO_PAGE. */
function bootAlloc(boot: BootInfo, pages: u32): u32 {
  let run: u32 = 0;
  const limit = BOOT_MAP_BYTES >>> 12;
  for (let pfn: u32 = 256; pfn < limit; pfn++) {
    if (pageUsable(boot.regions, pfn) && !isReserved(pfn)) {
      run++;
      if (run === pages) {
        const start = pfn + 1 - pages;
        reserve(start, pfn + 1);
        return start;
      }
    } else {
      run = 0;
    }
  }
  return NO_PAGE;
}

function makeZone(boot: BootInfo, name: string, start: u32, end: u32): BuddyZone | null {
  if (end <= start) return null;
  const pages = end - start;
  const metaPages = (buddyMetadataBytes(pages) + PAGE_SIZE - 1) >>> 12;
  const at = bootAlloc(boot, metaPages);
  if (at === NO_PAGE) {
    warn(`pmm: no room for the ${name} zone's metadata (${metaPages} pages); zone not used`);
    return null;
  }
  pmm.metadataPages += metaPages;
  const base = (at << 12 >>> 0) + KERNEL_BASE;
  const n = i32(pages);
  return new BuddyZone(name, start, end, arrayAt<u8>(base, n), arrayAt<u32>(base + pages, n), arrayAt<u32>(base + pages * 5, n));
}

/**
 * Builds the zones from the boot information. `limitBytes` caps usable memory (`mem=`);
 * `largePage` is the direct map's granule (the direct map ends on a multiple of it).
 */
export function pmmInit(boot: BootInfo, limitBytes: u32, largePage: u32): void {
  const kernelEndPfn = pageUp(BigInt(symbolAddress("__kernel_end") - KERNEL_BASE));
  reserve(0, 256);
  reserve(256, kernelEndPfn);
  reserve(boot.infoPhys >>> 12, (boot.infoPhys >>> 12) + 1);
  for (const m of boot.modules) reserve(m.start >>> 12, pageUp(BigInt(m.end)));
  let topPfn: u32 = 0;
  for (const r of boot.regions) {
    const end = pageDown(r.base + r.length);
    if (r.type === 1 && end > topPfn) topPfn = end > PFN_LIMIT ? PFN_LIMIT : end;
  }
  if (limitBytes !== 0 && (limitBytes >>> 12) < topPfn) topPfn = limitBytes >>> 12;
  let direct = topPfn << 12 >>> 0;
  if (topPfn >= (MAX_DIRECT_MAP_BYTES >>> 12)) direct = MAX_DIRECT_MAP_BYTES;
  direct = (direct & ~(largePage - 1)) >>> 0;
  if (direct < largePage) direct = largePage;
  pmm.directMapBytes = direct;
  const directPfn = direct >>> 12;
  const normalEnd = topPfn < directPfn ? topPfn : directPfn;
  const candidates: (BuddyZone | null)[] = [
    makeZone(boot, "DMA", 0, normalEnd < DMA_LIMIT_PFN ? normalEnd : DMA_LIMIT_PFN),
    makeZone(boot, "Normal", DMA_LIMIT_PFN, normalEnd),
    makeZone(boot, "High", directPfn, topPfn),
  ];
  for (const z of candidates) if (z !== null) pmm.zones.push(z);
  let runStart: u32 = NO_PAGE;
  for (let pfn: u32 = 0; pfn <= topPfn; pfn++) {
    const ok = pfn < topPfn && pageUsable(boot.regions, pfn) && !isReserved(pfn);
    if (ok) {
      pmm.totalUsablePages++;
      if (runStart === NO_PAGE) runStart = pfn;
    } else if (runStart !== NO_PAGE) {
      for (const z of pmm.zones) z.addFreeRange(runStart, pfn);
      runStart = NO_PAGE;
    }
  }
  if (boot.anomalies > 0) warn(`pmm: the memory map had ${boot.anomalies} malformed or out-of-range entries (ignored)`);
  for (const z of pmm.zones) info(`pmm: zone ${z.name}: ${z.freePages} free pages (${z.freePages >>> 8} MiB)`);
  info(`pmm: direct map ${direct >>> 20} MiB, ${pmm.metadataPages} pages of zone metadata`);
}

function zoneByKind(kind: i32): BuddyZone | null {
  const name = kind === Zone.Dma ? "DMA" : kind === Zone.Normal ? "Normal" : "High";
  for (const z of pmm.zones) if (z.name === name) return z;
  return null;
}

/**
 * Allocates 2^order pages from `zone`; Normal falls back to DMA. Returns a physical address
 * or 0 when the zone is exhausted.
 */
export function allocPages(order: i32, zone: Zone): u32 {
  for (let z: i32 = zone; z >= 0; z--) {
    const bz = zoneByKind(z);
    if (bz !== null) {
      const pfn = bz.alloc(order);
      if (pfn !== NO_PAGE) return pfn << 12 >>> 0;
    }
    if (zone === Zone.High) break;
  }
  return 0;
}

/** Frees pages from allocPages; returns 0 or a FreeError code (double free, out of range…). */
export function freePages(phys: u32, order: i32): i32 {
  const pfn = phys >>> 12;
  for (const z of pmm.zones) if (pfn >= z.startPfn && pfn < z.endPfn) return z.free(pfn, order);
  return 1;
}

/** Free pages across all zones. */
export function totalFreePages(): u32 {
  let n: u32 = 0;
  for (const z of pmm.zones) n += z.freePages;
  return n;
}
