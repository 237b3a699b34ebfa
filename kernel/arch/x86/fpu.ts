/**
 * The x87/SSE unit: enabled with FXSAVE/FXRSTOR support (CR4.OSFXSR, OSXMMEXCPT), and its state
 * switched eagerly with every task (context_switch saves and restores 512-byte fxsave areas).
 * Eager switching keeps the context switch free of #NM traps; with the kernel compiled for
 * general registers only, only user code ever touches the unit.
 */

/** Bytes of an fxsave area. */
export const FPU_STATE_BYTES: u32 = 512;
const CR0_MP: u32 = 1 << 1;
const CR0_EM: u32 = 1 << 2;
const CR0_TS: u32 = 1 << 3;
const CR4_OSFXSR: u32 = 1 << 9;
const CR4_OSXMMEXCPT: u32 = 1 << 10;

/** @linkname fpu_init_state */
declare function fpuInitState(area: u32): void;
/** @linkname fpu_save */
declare function fpuSaveState(area: u32): void;
/** @linkname fpu_restore */
declare function fpuRestoreState(area: u32): void;

/** @align 16 */
const cleanState = new Array<u8>(512).fill(0);
let enabled = false;
/** The MXCSR bits this CPU accepts (fxrstor raises #GP on any other). */
let mxcsrMask: u32 = 0xffbf;

/** Turns the unit on when the CPU has FXSR; returns whether it did. */
export function fpuInit(hasFxsr: boolean): boolean {
  if (!hasFxsr) return false;
  writeCr0(((readCr0() & ~(CR0_EM | CR0_TS)) | CR0_MP) >>> 0);
  writeCr4((readCr4() | CR4_OSFXSR | CR4_OSXMMEXCPT) >>> 0);
  fpuInitState(addressOf(cleanState));
  const reported = load32(addressOf(cleanState) + 28);
  if (reported !== 0) mxcsrMask = reported;
  enabled = true;
  return true;
}

/** Is FPU/SSE state switched with tasks? */
export function fpuEnabled(): boolean {
  return enabled;
}

/** Puts the clean initial state into a task's area. */
export function fpuResetArea(area: u32): void {
  if (enabled) memmove(area, addressOf(cleanState), FPU_STATE_BYTES);
}

/** Saves the live state into `area` (fork: the child starts with the parent's registers). */
export function fpuSaveLive(area: u32): void {
  if (enabled) fpuSaveState(area);
}

/** Loads `area` into the live registers (exec: the new image starts from a clean unit). */
export function fpuLoadLive(area: u32): void {
  if (enabled) fpuRestoreState(area);
}

/**
 * Makes an fxsave image that came from user memory (sigreturn) safe to load: MXCSR bits the CPU
 * does not support would make fxrstor fault in the kernel.
 */
export function fpuSanitizeArea(area: u32): void {
  store32(area + 24, load32(area + 24) & mxcsrMask);
}
