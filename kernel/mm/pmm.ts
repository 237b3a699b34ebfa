/**
 * Physical memory: turns the loader's memory map into buddy zones. The map is distrusted:
 * the first MiB, the kernel image, the multiboot information and modules are always reserved,
 * overlapping entries resolve to "reserved wins", and only memory inside the direct map is
 * handed out (DMA zone below 16 MiB, normal zone above).
 */
import { BootInfo, BOOT_MAP_BYTES, KERNEL_BASE } from "../boot/multiboot";
import { BuddyZone, NO_PAGE } from "./buddy";
import { info, warn } from "../lib/printk";

/** Page size in bytes. */
export const PAGE_SIZE: u32 = 4096;
const DMA_LIMIT_PFN: u32 = (16 << 20) >>> 12;

/** Memory zones. */
export const enum Zone { Dma = 0, Normal = 1 }

class PhysicalMemory {
  zones: BuddyZone[] = [];
  totalUsablePages: u32 = 0;
  reservedPages: u32 = 0;
}
const pmm = new PhysicalMemory();

/** The zones (DMA first). */
export function zones(): BuddyZone[] {
  return pmm.zones;
}

function pageUp(a: u64): u32 {
  return u32(Number((a + 4095n) / 4096n));
}
function pageDown(a: u64): u32 {
  return u32(Number(a / 4096n));
}

/** Is page frame `pfn` usable according to the map, with reserved entries taking precedence? */
function usableInMap(boot: BootInfo, pfn: u32): boolean {
  const addr = BigInt(pfn) * 4096n;
  let usable = false;
  for (const r of boot.regions) {
    if (addr >= r.base && addr + 4096n <= r.base + r.length) {
      if (r.type !== 1) return false;
      usable = true;
    } else if (addr < r.base + r.length && addr + 4096n > r.base && r.type !== 1) {
      return false; // a reserved entry overlaps part of this page
    }
  }
  return usable;
}

/** Builds the buddy zones from the boot information; `limitBytes` caps usable memory (`mem=`). */
export function pmmInit(boot: BootInfo, limitBytes: u32): void {
  const kernelEndPfn = pageUp(BigInt(symbolAddress("__kernel_end") - KERNEL_BASE));
  let endPfn = BOOT_MAP_BYTES >>> 12;
  if (limitBytes !== 0 && (limitBytes >>> 12) < endPfn) endPfn = limitBytes >>> 12;
  let highestUsable: u32 = 0;
  for (const r of boot.regions) if (r.type === 1 && pageDown(r.base + r.length) > highestUsable) highestUsable = pageDown(r.base + r.length);
  if (highestUsable < endPfn) endPfn = highestUsable;
  const dma = new BuddyZone("DMA", 0, endPfn < DMA_LIMIT_PFN ? endPfn : DMA_LIMIT_PFN);
  pmm.zones.push(dma);
  if (endPfn > DMA_LIMIT_PFN) pmm.zones.push(new BuddyZone("Normal", DMA_LIMIT_PFN, endPfn));
  // Reserved ranges: low memory, the kernel image, the info block, modules.
  const reserved: u32[] = [0, 256, 256, kernelEndPfn, boot.infoPhys >>> 12, (boot.infoPhys >>> 12) + 1];
  for (const m of boot.modules) { reserved.push(m.start >>> 12); reserved.push(pageUp(BigInt(m.end))); }
  let runStart: u32 = NO_PAGE;
  for (let pfn: u32 = 0; pfn <= endPfn; pfn++) {
    let ok = pfn < endPfn && usableInMap(boot, pfn);
    for (let i = 0; ok && i < reserved.length; i += 2) if (pfn >= reserved[i] && pfn < reserved[i + 1]) ok = false;
    if (ok) {
      pmm.totalUsablePages++;
      if (runStart === NO_PAGE) runStart = pfn;
    } else if (runStart !== NO_PAGE) {
      for (const z of pmm.zones) z.addFreeRange(runStart, pfn);
      runStart = NO_PAGE;
    }
  }
  if (boot.anomalies > 0) warn(`pmm: the memory map had ${boot.anomalies} malformed or out-of-range entries (ignored)`);
  if (highestUsable > BOOT_MAP_BYTES >>> 12) warn(`pmm: ${(highestUsable - (BOOT_MAP_BYTES >>> 12)) >>> 8} MiB above the direct map are not used yet`);
  for (const z of pmm.zones) info(`pmm: zone ${z.name}: ${z.freePages} free pages (${z.freePages >>> 8} MiB)`);
  if (pmm.totalUsablePages === 0) {
    warn("pmm: no usable memory in the memory map");
  }
}

/** Allocates 2^order pages from `zone` (falling back to DMA for Normal); returns a physical address or 0. */
export function allocPages(order: i32, zone: Zone): u32 {
  for (let z: i32 = zone; z >= 0; z--) {
    if (z >= pmm.zones.length) continue;
    const pfn = pmm.zones[z].alloc(order);
    if (pfn !== NO_PAGE) return pfn << 12 >>> 0;
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
