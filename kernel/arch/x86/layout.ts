/**
 * The kernel's virtual address layout on i386 (constants only, so every layer can import it).
 *
 *   0x00000000–0xBFFFFFFF  user space
 *   0xC0000000–…           direct map of physical memory (at most 896 MiB)
 *   0xF8000000–0xFF7FFFFF  vmalloc area (guard page after every allocation)
 */

/** Virtual address of physical address 0 in the direct map. */
export const KERNEL_BASE: u32 = 0xc0000000;
/** Physical memory boot.S maps before the kernel builds its own tables. */
export const BOOT_MAP_BYTES: u32 = 0x04000000;
