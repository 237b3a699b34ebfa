/**
 * Scratch memory of the system calls: the bytes a call copies in from user memory or builds
 * before copying them out (stat buffers, timespecs, signal masks, signal frames, paths). Each
 * module reserves a region of its own once, at start-up:
 *
 *     const scratch = scratchRegion(160);
 *     if (copyFromUser(scratch, addr, 8) !== 0) return -Errno.EFAULT;
 *
 * Regions never overlap, so a call may keep bytes in its module's region while it calls into
 * another module that uses its own. A module's region is shared by every task that makes its
 * calls: a call uses it between two points where it does not sleep (what must outlive a sleep, such
 * as poll's descriptor list, goes in memory of the call's own). The memory is static (usable
 * before the heap exists), zeroed, and every region starts 16-byte aligned (fxsave needs it).
 */

/** Room for every module's region (scratchRegion panics at start-up when one no longer fits). */
const SCRATCH_BYTES: u32 = 10240;
/** @align 16 */
const area = new Array<u8>(SCRATCH_BYTES).fill(0);
/** Bytes of `area` reserved so far. */
let used: u32 = 0;

/** Reserves `bytes` of scratch memory for the calling module (at start-up) and returns its address. */
export function scratchRegion(bytes: u32): u32 {
  const size = ((bytes + 15) & ~15) >>> 0;
  if (size > SCRATCH_BYTES - used) panic(`syscall scratch: ${bytes} more bytes do not fit (${used} of ${SCRATCH_BYTES} used)`);
  const at = addressOf(area) + used;
  used += size;
  return at;
}
