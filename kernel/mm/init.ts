/**
 * Memory bring-up in order: physical zones from the memory map, the kernel's own page tables
 * (PAE with NX when the CPU has NX, two-level otherwise), the kernel fault policy, and the
 * switch of the heap from its early arena to real pages.
 */
import { BootInfo, cmdlineHas } from "../boot/multiboot";
import { CpuFeatures } from "../arch/x86/cpu";
import { KernelImage, pagingInit, paeEnabled, nxEnabled, unmapPage, setPageTableAllocator } from "../arch/x86/paging";
import { setDoubleFaultCr3 } from "../arch/x86/gdt";
import { allocPages, directMapBytes, freePages, pmmInit, Zone } from "./pmm";
import { vmmInit, VMALLOC_START, VMALLOC_END } from "./vmm";
import { heapUsePages } from "./heap";
import { kmemleakEnable } from "../debug/kmemleak";
import { slabInit } from "./slab";
import { info, warn } from "../lib/printk";

/** Page-table pages during bring-up come from the DMA zone: it lies inside the boot map. */
function bootTablePage(): u32 {
  const p = allocPages(0, Zone.Dma);
  return p !== 0 ? p : allocPages(0, Zone.Normal);
}

/** Page-table pages after bring-up: anywhere in the direct map. */
function tablePage(): u32 {
  return allocPages(0, Zone.Normal);
}

function freeTablePage(phys: u32): void {
  freePages(phys, 0);
}

/** Brings up physical and virtual memory; `memLimit` is the `mem=` cap in bytes (0: none). */
export function memoryInit(boot: BootInfo, cpu: CpuFeatures, memLimit: u32): void {
  const usePae = cpu.pae && cpu.nx && !cmdlineHas(boot.cmdline, "nopae");
  pmmInit(boot, memLimit, usePae ? 0x200000 : 0x400000);
  const image = new KernelImage(symbolAddress("__text_start"), symbolAddress("__text_end"), symbolAddress("__rodata_end"), symbolAddress("__kernel_end"));
  pagingInit(usePae, cpu.nx, cpu.pge, directMapBytes(), image, bootTablePage, VMALLOC_START, VMALLOC_END);
  setPageTableAllocator(tablePage, freeTablePage);
  setDoubleFaultCr3(readCr3());
  // The boot stack's guard page: unmapped, an overflow now faults (and double-faults onto its own task).
  unmapPage(symbolAddress("boot_stack_guard"));
  vmmInit();
  slabInit();
  heapUsePages();
  if (cmdlineHas(boot.cmdline, "kmemleak")) {
    if (kmemleakEnable()) info("kmemleak: kernel heap allocations are tracked by site (/proc/kmemleak)");
    else warn("kmemleak: no memory for the tracking tables");
  }
  info(`paging: ${paeEnabled() ? "PAE" : "two-level"}, NX ${nxEnabled() ? "on" : "off"}, direct map ${directMapBytes() >>> 20} MiB, text read-only`);
}
