/**
 * Signal dispositions and masks per process (rt_sigaction, rt_sigprocmask state). This kernel
 * acts on signals at the return to user mode: ignored signals are discarded, blocked ones stay
 * pending, and the default action of the fatal ones ends the process. Running user handlers
 * (signal frames, sigreturn) belongs to the Linux-compatibility work; a handler that is
 * installed is recorded and reported back, and its signal meanwhile takes the default action.
 */
import { Task, MAX_TASKS } from "./task";
import { addExecHook, addProcessHooks } from "./hooks";

/** Dispositions. */
export const SIG_DFL: u32 = 0;
export const SIG_IGN: u32 = 1;
/** Signals 1…64. */
export const NSIG: i32 = 64;

const handlers = new Array<u32>(MAX_TASKS * 65).fill(0);
const flags = new Array<u32>(MAX_TASKS * 65).fill(0);
const masks = new Array<u64>(MAX_TASKS).fill(0n);

/** The disposition of `sig` in task `t` (SIG_DFL, SIG_IGN or a handler address). */
export function signalHandler(t: Task, sig: i32): u32 {
  return handlers[t.slot * 65 + sig];
}

/** Sets the disposition and sa_flags of `sig`. */
export function setSignalHandler(t: Task, sig: i32, handler: u32, saFlags: u32): void {
  handlers[t.slot * 65 + sig] = handler;
  flags[t.slot * 65 + sig] = saFlags;
}

/** The sa_flags recorded with the disposition. */
export function signalFlags(t: Task, sig: i32): u32 {
  return flags[t.slot * 65 + sig];
}

/** The blocked-signal mask (bit sig-1). */
export function signalMask(t: Task): u64 {
  return masks[t.slot];
}

/** Replaces the blocked mask; SIGKILL and SIGSTOP can never be blocked. */
export function setSignalMask(t: Task, m: u64): void {
  const unblockable: u64 = (1n << 8n) | (1n << 18n);
  masks[t.slot] = m & ~unblockable;
}

/** Is `sig` blocked in `t`? */
export function signalBlocked(t: Task, sig: i32): boolean {
  return ((masks[t.slot] >> BigInt(sig - 1)) & 1n) !== 0n;
}

function onNew(child: Task, parent: Task | null, isFork: boolean): void {
  for (let s = 0; s <= NSIG; s++) {
    handlers[child.slot * 65 + s] = parent !== null && isFork ? handlers[parent.slot * 65 + s] : SIG_DFL;
    flags[child.slot * 65 + s] = parent !== null && isFork ? flags[parent.slot * 65 + s] : 0;
  }
  masks[child.slot] = parent !== null ? masks[parent.slot] : 0n;
}

function onExit(_t: Task): void {}

/** execve keeps ignored signals ignored and resets handlers to the default (POSIX). */
function onExec(t: Task): void {
  for (let s = 0; s <= NSIG; s++) if (handlers[t.slot * 65 + s] !== SIG_IGN) handlers[t.slot * 65 + s] = SIG_DFL;
}

/** Registers the signal state with the process lifecycle. */
export function signalInit(): void {
  addProcessHooks(onNew, onExit);
  addExecHook(onExec);
}
