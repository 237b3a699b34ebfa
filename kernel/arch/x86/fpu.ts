/**
 * The x87/SSE unit: enabled with FXSAVE/FXRSTOR support (CR4.OSFXSR, OSXMMEXCPT), and its state
 * kept per task in 512-byte fxsave areas, switched in one of two ways (`fpu=eager|lazy` on the
 * command line):
 *
 * - **eager**: context_switch saves the outgoing task's registers and loads the incoming one's
 *   at every switch (fxsave + fxrstor, whether or not either task uses the unit);
 * - **lazy**: a switch only sets CR0.TS; the first FPU/SSE instruction of a task that does not
 *   own the unit raises #NM (device not available), whose handler saves the owner's registers
 *   into the owner's area, loads the current task's, and makes it the owner.
 *
 * Invariant (both ways): the live registers hold the state of the *owner* (eagerly, the owner is
 * always the running task); every other task's state is in its area. Lazily, CR0.TS is clear
 * exactly when the running task is the owner. Code that reads or replaces the running task's
 * state (fork, exec, signal delivery, sigreturn) goes through fpuSaveCurrent/fpuReloadCurrent,
 * which act on the registers when the task owns them and on its area otherwise; an exiting task
 * gives up ownership (fpuRelease), since its slot — and area — may go to a new task.
 *
 * The kernel is compiled for general registers only: only user code (and the FPU tests) touch
 * the unit. One CPU: the owner is one variable (SMP needs one per CPU, and a task's state must be
 * saved before it runs on another).
 */

import { info, warn } from "../../lib/printk";

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

/** The unit's switching state. Areas stand for their tasks (the arch layer knows no tasks). */
class FpuState {
  enabled = false;
  lazy = false;
  /** The MXCSR bits this CPU accepts (fxrstor raises #GP on any other). */
  mxcsrMask: u32 = 0xffbf;
  /** The running task's area (0 before the scheduler starts). */
  current: u32 = 0;
  /** The area of the task whose state the registers hold (0: nobody's). */
  owner: u32 = 0;
  /** Lazy switching: is CR0.TS set? (tracked to avoid rewriting CR0 with the same value) */
  tsSet = false;
  /** #NM traps that moved the unit to another task. */
  traps: u64 = 0n;
}
const fpu = new FpuState();

/**
 * How the state is switched when the command line does not say (`fpu=`). Eager: measured under
 * QEMU (docs/performance.md), lazy saves ~1.1 µs per switch between tasks that never touch the
 * unit but costs ~2 µs more per switch into one that does (the #NM trap and two CR0 writes on
 * top of the same fxsave/fxrstor), and unmodified Linux programs do: glibc's string functions
 * use SSE, and 3 of 4 switches trapped in a busybox pipeline. Lazy switching also lets CPUs with
 * the LazyFP flaw (CVE-2018-3665) read another task's registers speculatively.
 */
const DEFAULT_MODE = "eager";

/**
 * Turns the unit on when the CPU has FXSR, switching its state as `mode` (`fpu=` on the command
 * line) says: "eager" or "lazy" (null: DEFAULT_MODE); returns whether the unit is on.
 */
export function fpuInit(hasFxsr: boolean, mode: string | null): boolean {
  if (!hasFxsr) {
    info("fpu: the CPU has no FXSAVE/FXRSTOR; FPU/SSE state is not switched");
    return false;
  }
  let chosen = mode === null ? DEFAULT_MODE : mode;
  if (chosen !== "eager" && chosen !== "lazy") {
    warn(`fpu=${chosen}: unknown mode, using ${DEFAULT_MODE}`);
    chosen = DEFAULT_MODE;
  }
  writeCr0(((readCr0() & ~(CR0_EM | CR0_TS)) | CR0_MP) >>> 0);
  writeCr4((readCr4() | CR4_OSFXSR | CR4_OSXMMEXCPT) >>> 0);
  fpuInitState(addressOf(cleanState));
  const reported = load32(addressOf(cleanState) + 28);
  if (reported !== 0) fpu.mxcsrMask = reported;
  fpu.enabled = true;
  fpu.lazy = chosen === "lazy";
  fpu.tsSet = false;
  info(`fpu: fxsave/fxrstor, ${chosen} switching`);
  return true;
}

/** Is FPU/SSE state switched with tasks? */
export function fpuEnabled(): boolean {
  return fpu.enabled;
}

/** Is it switched lazily (CR0.TS and #NM) rather than at every switch? */
export function fpuLazy(): boolean {
  return fpu.enabled && fpu.lazy;
}

/** #NM traps so far that moved the unit from one task to another (lazy switching). */
export function fpuTraps(): u64 {
  return fpu.traps;
}

function setTs(on: boolean): void {
  if (fpu.tsSet === on) return;
  const cr0 = readCr0();
  writeCr0(on ? (cr0 | CR0_TS) >>> 0 : (cr0 & ~CR0_TS) >>> 0);
  fpu.tsSet = on;
}

/**
 * Called by the scheduler before it switches to the task whose area is `nextArea` (and once
 * for the boot context). Eagerly, that task becomes the owner and the result is true:
 * context_switch must save and load the registers itself. Lazily, CR0.TS is set unless the
 * task still owns the unit, and the result is false.
 */
export function fpuSwitchTo(nextArea: u32): boolean {
  if (!fpu.enabled) return false;
  fpu.current = nextArea;
  if (!fpu.lazy) {
    fpu.owner = nextArea;
    return true;
  }
  setTs(fpu.owner !== nextArea);
  return false;
}

/** Makes the running task the owner: saves the old owner's registers, loads the task's. Interrupts off. */
function takeUnit(): void {
  setTs(false);
  if (fpu.owner === fpu.current) return;
  if (fpu.owner !== 0) fpuSaveState(fpu.owner);
  fpuRestoreState(fpu.current);
  fpu.owner = fpu.current;
  fpu.traps += 1n;
}

/**
 * The #NM (device not available) handler: under lazy switching the running task used the unit
 * while CR0.TS was set, and gets it. False when #NM has no such meaning (eager switching, no
 * FXSR, or before scheduling starts): the exception is then the fault it is on a bare CPU.
 */
export function fpuDeviceNotAvailable(): boolean {
  if (!fpu.enabled || !fpu.lazy || fpu.current === 0) return false;
  const flags = readEflags();
  cli();
  takeUnit();
  if ((flags & 0x200) !== 0) sti();
  return true;
}

/**
 * Copies the running task's FPU/SSE state into `dst`: its own area (to bring that up to date
 * before the kernel reads it) or another task's (fork and clone: the child starts with the
 * parent's registers). The registers when the task owns them, its area otherwise.
 */
export function fpuSaveCurrent(dst: u32): void {
  if (!fpu.enabled) return;
  const flags = readEflags();
  cli();
  if (fpu.owner === fpu.current) {
    setTs(false);
    fpuSaveState(dst);
  } else if (dst !== fpu.current) {
    memmove(dst, fpu.current, FPU_STATE_BYTES);
  }
  if ((flags & 0x200) !== 0) sti();
}

/**
 * The running task's area was rewritten (exec's clean state, a signal handler's clean state,
 * sigreturn's saved one): makes its registers follow — loaded now when it owns the unit,
 * otherwise at its next use of the unit (its area is what #NM loads).
 */
export function fpuReloadCurrent(): void {
  if (!fpu.enabled) return;
  const flags = readEflags();
  cli();
  if (fpu.owner === fpu.current) {
    setTs(false);
    fpuRestoreState(fpu.current);
  }
  if ((flags & 0x200) !== 0) sti();
}

/**
 * The task whose area is `area` is exiting: if its state is in the registers, nobody owns them
 * now (its slot and area may be given to a new task, which must not inherit those registers).
 */
export function fpuRelease(area: u32): void {
  if (fpu.owner !== area) return;
  fpu.owner = 0;
  if (fpu.lazy && fpu.current === area) setTs(true);
}

/** Puts the clean initial state into a task's area. */
export function fpuResetArea(area: u32): void {
  if (fpu.enabled) memmove(area, addressOf(cleanState), FPU_STATE_BYTES);
}

/**
 * Makes an fxsave image that came from user memory (sigreturn) safe to load: MXCSR bits the CPU
 * does not support would make fxrstor fault in the kernel.
 */
export function fpuSanitizeArea(area: u32): void {
  store32(area + 24, load32(area + 24) & fpu.mxcsrMask);
}
