/**
 * POSIX signals, the architecture-neutral part: per-task dispositions (handler, sa_flags,
 * sa_restorer, sa_mask), the blocked mask, the pending set with one siginfo per signal, and
 * sending — including the job-control rules (a stop signal discards a pending SIGCONT, SIGCONT
 * resumes a stopped task and discards pending stop signals) and the parent's SIGCHLD. What a
 * signal does when it is taken (default action, or a handler frame on the user stack) is decided
 * on the way back to user mode by the signal-delivery code of the system-call layer.
 */
import { Task, TaskState, MAX_TASKS } from "./task";
import { addExecHook, addProcessHooks } from "./hooks";
import { makeRunnable, wakeUp } from "./sched";

/** Linux i386 signal numbers. */
export const enum Sig {
  HUP = 1, INT = 2, QUIT = 3, ILL = 4, TRAP = 5, ABRT = 6, BUS = 7, FPE = 8, KILL = 9, USR1 = 10,
  SEGV = 11, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15, STKFLT = 16, CHLD = 17, CONT = 18, STOP = 19,
  TSTP = 20, TTIN = 21, TTOU = 22, URG = 23, XCPU = 24, XFSZ = 25, VTALRM = 26, PROF = 27, WINCH = 28,
  IO = 29, PWR = 30, SYS = 31,
}

/** Dispositions. */
export const SIG_DFL: u32 = 0;
export const SIG_IGN: u32 = 1;
/** Signals 1…64. */
export const NSIG: i32 = 64;

/** sa_flags bits (include/uapi/asm-generic/signal-defs.h). */
export const SA_NOCLDSTOP: u32 = 0x00000001;
export const SA_NOCLDWAIT: u32 = 0x00000002;
export const SA_SIGINFO: u32 = 0x00000004;
export const SA_RESTORER: u32 = 0x04000000;
export const SA_ONSTACK: u32 = 0x08000000;
export const SA_RESTART: u32 = 0x10000000;
export const SA_NODEFER: u32 = 0x40000000;
export const SA_RESETHAND: u32 = 0x80000000;

/** si_code values. */
export const enum SiCode {
  User = 0, Kernel = 0x80, Queue = -1, Tkill = -6,
  SegvMapErr = 1, SegvAccErr = 2, BusAdrErr = 2, FpeIntDiv = 1, IllIllOpn = 2, TrapBrkpt = 1,
  CldExited = 1, CldKilled = 2, CldDumped = 3, CldStopped = 5, CldContinued = 6,
}

/** What a signal does when its disposition is SIG_DFL. */
export const enum DefaultAction { Terminate = 0, Core = 1, Stop = 2, Continue = 3, Ignore = 4 }

/** The default action of `sig` (signal(7)); real-time signals terminate. */
export function defaultAction(sig: i32): DefaultAction {
  if (sig === Sig.CHLD || sig === Sig.URG || sig === Sig.WINCH) return DefaultAction.Ignore;
  if (sig === Sig.CONT) return DefaultAction.Continue;
  if (sig === Sig.STOP || sig === Sig.TSTP || sig === Sig.TTIN || sig === Sig.TTOU) return DefaultAction.Stop;
  if (sig === Sig.QUIT || sig === Sig.ILL || sig === Sig.TRAP || sig === Sig.ABRT || sig === Sig.BUS || sig === Sig.FPE ||
      sig === Sig.SEGV || sig === Sig.XCPU || sig === Sig.XFSZ || sig === Sig.SYS) return DefaultAction.Core;
  return DefaultAction.Terminate;
}

const SLOTS: i32 = NSIG + 1;
const handlers = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const flags = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const restorers = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const actionMasks = new Array<u64>(MAX_TASKS * SLOTS).fill(0n);
// The siginfo of each pending signal: code, sender pid, and a word (fault address or status).
const infoCode = new Array<i32>(MAX_TASKS * SLOTS).fill(0);
const infoPid = new Array<i32>(MAX_TASKS * SLOTS).fill(0);
const infoWord = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const infoWord2 = new Array<u32>(MAX_TASKS * SLOTS).fill(0);

function bit(sig: i32): u64 {
  return 1n << BigInt(sig - 1);
}

const UNBLOCKABLE: u64 = (1n << 8n) | (1n << 18n); // SIGKILL, SIGSTOP
const STOP_SIGNALS: u64 = (1n << 18n) | (1n << 19n) | (1n << 20n) | (1n << 21n);

/** The disposition of `sig` in task `t` (SIG_DFL, SIG_IGN or a handler address). */
export function signalHandler(t: Task, sig: i32): u32 {
  return handlers[t.slot * SLOTS + sig];
}

/** The sa_flags recorded with the disposition. */
export function signalFlags(t: Task, sig: i32): u32 {
  return flags[t.slot * SLOTS + sig];
}

/** The sa_restorer recorded with the disposition. */
export function signalRestorer(t: Task, sig: i32): u32 {
  return restorers[t.slot * SLOTS + sig];
}

/** The sa_mask recorded with the disposition (blocked while the handler runs). */
export function signalActionMask(t: Task, sig: i32): u64 {
  return actionMasks[t.slot * SLOTS + sig];
}

/**
 * Sets the disposition of `sig`. Setting SIG_IGN (or SIG_DFL where the default is to ignore)
 * discards a pending instance, as POSIX requires.
 */
export function setSignalAction(t: Task, sig: i32, handler: u32, saFlags: u32, restorer: u32, mask: u64): void {
  const i = t.slot * SLOTS + sig;
  handlers[i] = handler;
  flags[i] = saFlags;
  restorers[i] = restorer;
  actionMasks[i] = mask & ~UNBLOCKABLE;
  if (isIgnored(t, sig)) t.pendingSignals &= ~bit(sig);
}

/** The blocked-signal mask (bit sig-1). */
export function signalMask(t: Task): u64 {
  return t.blockedSignals;
}

/** Replaces the blocked mask; SIGKILL and SIGSTOP can never be blocked. */
export function setSignalMask(t: Task, m: u64): void {
  t.blockedSignals = m & ~UNBLOCKABLE;
}

/** Is `sig` blocked in `t`? */
export function signalBlocked(t: Task, sig: i32): boolean {
  return (t.blockedSignals & bit(sig)) !== 0n;
}

/** Would `sig` be discarded on arrival (ignored explicitly, or by default)? */
function isIgnored(t: Task, sig: i32): boolean {
  if (sig === Sig.KILL || sig === Sig.STOP) return false;
  const h = handlers[t.slot * SLOTS + sig];
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === DefaultAction.Ignore);
}

/** Pending signals that are not blocked. */
export function deliverableSignals(t: Task): u64 {
  return t.pendingSignals & ~t.blockedSignals;
}

/** Does `t` have a signal that should interrupt a wait (pending and not blocked)? */
export function signalPending(t: Task): boolean {
  return t.hasDeliverableSignal();
}

/** The siginfo recorded with a pending or just-dequeued signal. */
export function signalInfoCode(t: Task, sig: i32): i32 {
  return infoCode[t.slot * SLOTS + sig];
}
/** The sending process of a pending or just-dequeued signal (0: the kernel). */
export function signalInfoPid(t: Task, sig: i32): i32 {
  return infoPid[t.slot * SLOTS + sig];
}
/** The fault address (SIGSEGV, SIGBUS, SIGFPE, SIGILL) or the child's status (SIGCHLD). */
export function signalInfoWord(t: Task, sig: i32): u32 {
  return infoWord[t.slot * SLOTS + sig];
}
/** A second word: the trap's error code for faults, the sigqueue value for SI_QUEUE. */
export function signalInfoWord2(t: Task, sig: i32): u32 {
  return infoWord2[t.slot * SLOTS + sig];
}

/**
 * Sends `sig` to `t` with its siginfo (`code`, sender `pid`, `word` as for signalInfoWord).
 * Applies the job-control side effects at once, discards signals that would be ignored, wakes
 * the task from an interruptible wait when the signal is not blocked, and resumes a stopped task
 * for SIGCONT and SIGKILL. Returns 0; kernel threads take no signals (-1).
 */
export function sendSignal(t: Task, sig: i32, code: i32, pid: i32, word: u32): i32 {
  return sendSignalFull(t, sig, code, pid, word, 0);
}

/** sendSignal with the second siginfo word. */
export function sendSignalFull(t: Task, sig: i32, code: i32, pid: i32, word: u32, word2: u32): i32 {
  if (sig <= 0 || sig > NSIG) return 0;
  if (t.aspace === null || t.state === TaskState.Zombie) return -1;
  if (sig === Sig.CONT || sig === Sig.KILL) {
    t.pendingSignals &= ~STOP_SIGNALS;
    if (t.state === TaskState.Stopped) {
      makeRunnable(t);
      if (sig === Sig.CONT) {
        t.jobEvent = 0xffff; // reported to a WCONTINUED waiter
        notifyParent(t, SiCode.CldContinued, Sig.CONT);
      }
    }
  } else if ((bit(sig) & STOP_SIGNALS) !== 0n) {
    t.pendingSignals &= ~bit(Sig.CONT);
  }
  if (isIgnored(t, sig) && !signalBlocked(t, sig)) return 0;
  if ((t.pendingSignals & bit(sig)) === 0n) {
    const i = t.slot * SLOTS + sig;
    infoCode[i] = code;
    infoPid[i] = pid;
    infoWord[i] = word;
    infoWord2[i] = word2;
    t.pendingSignals |= bit(sig);
  }
  if (!signalBlocked(t, sig) && t.state === TaskState.Blocked) makeRunnable(t);
  return 0;
}

/**
 * Makes a synchronous fault signal take effect even when the task blocks or ignores it: it is
 * unblocked and reset to the default action (Linux's force_sig).
 */
export function forceSignal(t: Task, sig: i32, code: i32, addr: u32, errorCode: u32): void {
  const i = t.slot * SLOTS + sig;
  if (handlers[i] === SIG_IGN || signalBlocked(t, sig)) {
    handlers[i] = SIG_DFL;
    t.blockedSignals &= ~bit(sig);
  }
  t.pendingSignals &= ~bit(sig);
  sendSignalFull(t, sig, code, 0, addr, errorCode);
}

/** Takes the lowest-numbered deliverable signal off the pending set (0: none); its siginfo stays readable. */
export function dequeueSignal(t: Task): i32 {
  const d = t.pendingSignals & ~t.blockedSignals;
  if (d === 0n) return 0;
  // Synchronous faults first, as Linux does, then by number.
  const sync: u64 = bit(Sig.SEGV) | bit(Sig.BUS) | bit(Sig.ILL) | bit(Sig.TRAP) | bit(Sig.FPE) | bit(Sig.SYS);
  const pick = (d & sync) !== 0n ? d & sync : d;
  let sig = 1;
  while ((pick & bit(sig)) === 0n) sig++;
  t.pendingSignals &= ~bit(sig);
  return sig;
}

/**
 * Tells the parent about a child's exit, stop or continue: SIGCHLD with CLD_* (unless the parent
 * asked for no stop notifications), and a wakeup for a parent in wait4.
 */
export function notifyParent(child: Task, code: i32, status: i32): void {
  const p = child.parent;
  if (p === null) return;
  const quiet = (code === SiCode.CldStopped || code === SiCode.CldContinued) && (signalFlags(p, Sig.CHLD) & SA_NOCLDSTOP) !== 0;
  if (!quiet && p.aspace !== null) sendSignal(p, Sig.CHLD, code, child.pid, u32(status));
  wakeUp(addressOf(p));
}

function onNew(child: Task, parent: Task | null, isFork: boolean): void {
  const c = child.slot * SLOTS;
  const p = parent === null ? 0 : parent.slot * SLOTS;
  const inherit = parent !== null && isFork;
  for (let s = 0; s <= NSIG; s++) {
    handlers[c + s] = inherit ? handlers[p + s] : SIG_DFL;
    flags[c + s] = inherit ? flags[p + s] : 0;
    restorers[c + s] = inherit ? restorers[p + s] : 0;
    actionMasks[c + s] = inherit ? actionMasks[p + s] : 0n;
  }
  child.blockedSignals = parent !== null ? parent.blockedSignals : 0n;
  child.pendingSignals = 0n;
  if (inherit && parent !== null) {
    child.altStackSp = parent.altStackSp;
    child.altStackSize = parent.altStackSize;
    child.altStackDisabled = parent.altStackDisabled;
  }
}

function onExit(_t: Task): void {}

/** execve keeps ignored signals ignored and resets handlers to the default (POSIX); the alternate stack is gone. */
function onExec(t: Task): void {
  const c = t.slot * SLOTS;
  for (let s = 0; s <= NSIG; s++) {
    if (handlers[c + s] !== SIG_IGN) handlers[c + s] = SIG_DFL;
    flags[c + s] = 0;
    restorers[c + s] = 0;
    actionMasks[c + s] = 0n;
  }
  t.altStackSp = 0;
  t.altStackSize = 0;
  t.altStackDisabled = true;
}

/** Registers the signal state with the process lifecycle. */
export function signalInit(): void {
  addProcessHooks(onNew, onExit);
  addExecHook(onExec);
}
