/**
 * Signal handling for programs: installing TypeScript functions as handlers (rt_sigaction, with
 * the kernel's own return trampoline), masks, waiting for signals and the alternate stack.
 * A handler runs between any two instructions of the program: it should only set flags and
 * make system calls (the heap is not reentrant). The rest of the program is guaranteed to see
 * what a handler changed after its next system call (every system call is an opaque call to
 * the optimiser), not in a loop that makes none — the TypeScript counterpart of C's
 * `volatile sig_atomic_t`.
 */

/** A plain handler receives the signal number. */
export type SignalHandler = (sig: i32) => void;
/** An SA_SIGINFO handler also receives the addresses of the siginfo and the ucontext. */
export type SignalInfoHandler = (sig: i32, info: u32, context: u32) => void;

const NR_RT_SIGACTION = 174;
const NR_RT_SIGPROCMASK = 175;
const NR_RT_SIGPENDING = 176;
const NR_RT_SIGSUSPEND = 179;
const NR_SIGALTSTACK = 186;
const NR_PAUSE = 29;
const NR_TGKILL = 270;
const NR_GETPID = 20;

/** sa_flags. */
export const SA_NOCLDSTOP: u32 = 0x00000001;
export const SA_SIGINFO: u32 = 0x00000004;
export const SA_ONSTACK: u32 = 0x08000000;
export const SA_RESTART: u32 = 0x10000000;
export const SA_NODEFER: u32 = 0x40000000;
export const SA_RESETHAND: u32 = 0x80000000;
/** sigprocmask `how`. */
export const SIG_BLOCK: u32 = 0;
export const SIG_UNBLOCK: u32 = 1;
export const SIG_SETMASK: u32 = 2;
/** sigaltstack flags. */
export const SS_ONSTACK: u32 = 1;
export const SS_DISABLE: u32 = 2;

/** The mask bit of `sig`. */
export function sigbit(sig: i32): u64 {
  return 1n << u64(sig - 1);
}

const act = new Array<u32>(5).fill(0);
const old = new Array<u32>(5).fill(0);
const sets = new Array<u32>(4).fill(0);

function install(sig: i32, handler: u32, flags: u32, mask: u64): i32 {
  act[0] = handler;
  act[1] = flags;
  act[2] = 0;
  act[3] = u32(Number(mask & 0xffffffffn));
  act[4] = u32(Number(mask >> 32n));
  return syscall(NR_RT_SIGACTION, u32(sig), addressOf(act), addressOf(old), 8, 0, 0);
}

/** Installs `handler` for `sig` with `flags` (SA_*) and `mask` blocked while it runs; 0 or -errno. */
export function onSignal(sig: i32, handler: SignalHandler, flags: u32, mask: u64): i32 {
  return install(sig, addressOf(handler), (flags & ~SA_SIGINFO) >>> 0, mask);
}

/** Installs an SA_SIGINFO handler. */
export function onSignalInfo(sig: i32, handler: SignalInfoHandler, flags: u32, mask: u64): i32 {
  return install(sig, addressOf(handler), (flags | SA_SIGINFO) >>> 0, mask);
}

/** Sets SIG_DFL (0) or SIG_IGN (1) with flags. */
export function setDisposition(sig: i32, disposition: u32, flags: u32): i32 {
  return install(sig, disposition, flags, 0n);
}

/** The disposition (handler address, SIG_DFL or SIG_IGN) before the last change made here. */
export function previousDisposition(): u32 {
  return old[0];
}

/** rt_sigprocmask: applies `how` with `set`; returns the old mask. */
export function sigprocmask(how: u32, set: u64): u64 {
  sets[0] = u32(Number(set & 0xffffffffn));
  sets[1] = u32(Number(set >> 32n));
  syscall(NR_RT_SIGPROCMASK, how, addressOf(sets), addressOf(sets) + 8, 8, 0, 0);
  return u64(sets[2]) | (u64(sets[3]) << 32n);
}

/** The current mask (unchanged). */
export function currentMask(): u64 {
  syscall(NR_RT_SIGPROCMASK, SIG_BLOCK, 0, addressOf(sets) + 8, 8, 0, 0);
  return u64(sets[2]) | (u64(sets[3]) << 32n);
}

/** Signals pending while blocked. */
export function sigpending(): u64 {
  syscall(NR_RT_SIGPENDING, addressOf(sets), 8, 0, 0, 0, 0);
  return u64(sets[0]) | (u64(sets[1]) << 32n);
}

/** Waits with `mask` in place until a handler has run; returns -EINTR. */
export function sigsuspend(mask: u64): i32 {
  sets[0] = u32(Number(mask & 0xffffffffn));
  sets[1] = u32(Number(mask >> 32n));
  return syscall(NR_RT_SIGSUSPEND, addressOf(sets), 8, 0, 0, 0, 0);
}

/** Waits until a signal is caught; returns -EINTR. */
export function pause(): i32 {
  return syscall(NR_PAUSE, 0, 0, 0, 0, 0, 0);
}

/** Sends `sig` to the calling process. */
export function raise(sig: i32): i32 {
  const pid = syscall(NR_GETPID, 0, 0, 0, 0, 0, 0);
  return syscall(NR_TGKILL, u32(pid), u32(pid), u32(sig), 0, 0, 0);
}

const stackT = new Array<u32>(6).fill(0);

/** sigaltstack: installs [sp, sp+size) as the alternate stack (flags 0) or disables it (SS_DISABLE); 0 or -errno. */
export function sigaltstack(sp: u32, size: u32, flags: u32): i32 {
  stackT[0] = sp;
  stackT[1] = flags;
  stackT[2] = size;
  return syscall(NR_SIGALTSTACK, addressOf(stackT), 0, 0, 0, 0, 0);
}

/** The alternate stack's flags as seen from here (SS_ONSTACK inside a handler running on it). */
export function altStackFlags(): u32 {
  syscall(NR_SIGALTSTACK, 0, addressOf(stackT) + 12, 0, 0, 0, 0);
  return stackT[4];
}
