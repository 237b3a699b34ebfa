/**
 * POSIX signals, the architecture-neutral part: dispositions (handler, sa_flags, sa_restorer,
 * sa_mask — shared by the threads of a process, CLONE_SIGHAND), each thread's blocked mask and
 * pending set, the process-wide pending set that kill() fills, one siginfo per pending signal,
 * and sending — including the job-control rules (a stop signal discards a pending SIGCONT,
 * SIGCONT resumes a stopped process and discards pending stop signals) and the parent's SIGCHLD.
 * What a signal does when it is taken (default action, or a handler frame on the user stack) is
 * decided on the way back to user mode by the signal-delivery code of the system-call layer.
 */
import { CLONE_SIGHAND, CLONE_VFORK, CLONE_VM, Task, TaskState, ThreadGroup, MAX_TASKS } from "./task";
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

// Dispositions live in action sets, one per process (or per group of processes sharing them
// with CLONE_SIGHAND), indexed set * SLOTS + sig; a task's set is actionSet[slot] (-1: kernel
// threads, which see the defaults). There are never more sets in use than tasks.
const handlers = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const flags = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const restorers = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const actionMasks = new Array<u64>(MAX_TASKS * SLOTS).fill(0n);
const setUsers = new Array<i32>(MAX_TASKS).fill(0);
const actionSet = new Array<i32>(MAX_TASKS).fill(-1);
// The siginfo of each pending signal of a thread: code, sender pid, and a word (fault address
// or status), by task slot.
const infoCode = new Array<i32>(MAX_TASKS * SLOTS).fill(0);
const infoPid = new Array<i32>(MAX_TASKS * SLOTS).fill(0);
const infoWord = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
const infoWord2 = new Array<u32>(MAX_TASKS * SLOTS).fill(0);
// The siginfo of signals pending for a whole process, in a small pool: an entry belongs to
// (group, sig) while that signal is pending there, and is free again as soon as it is not.
// When the pool is full, a signal is still made pending, with an SI_USER siginfo from no one
// (Linux too delivers a kill() without its siginfo when it cannot queue one).
const SHARED_INFOS: i32 = 128;
const sharedGroup = new Array<ThreadGroup | null>(SHARED_INFOS).fill(null);
const sharedSig = new Array<i32>(SHARED_INFOS).fill(0);
const sharedCode = new Array<i32>(SHARED_INFOS).fill(0);
const sharedPid = new Array<i32>(SHARED_INFOS).fill(0);
const sharedWord = new Array<u32>(SHARED_INFOS).fill(0);
const sharedWord2 = new Array<u32>(SHARED_INFOS).fill(0);

/** The pool entry holding the siginfo of `sig` pending for `g`, or -1. */
function sharedInfoIndex(g: ThreadGroup, sig: i32): i32 {
  for (let i = 0; i < SHARED_INFOS; i++) if (sharedGroup[i] === g && sharedSig[i] === sig) return i;
  return -1;
}

/** Forgets the siginfo pending for `g` (its last thread is exiting; the group object will go). */
export function forgetSharedSignalInfo(g: ThreadGroup): void {
  for (let i = 0; i < SHARED_INFOS; i++) if (sharedGroup[i] === g) sharedGroup[i] = null;
}

/** Records the siginfo of `sig`, about to become pending for `g`, in a free pool entry (if any). */
function recordSharedInfo(g: ThreadGroup, sig: i32, code: i32, pid: i32, word: u32, word2: u32): void {
  if (g.threads.length === 0) return; // the process has ended: nothing will take it
  for (let i = 0; i < SHARED_INFOS; i++) {
    const h = sharedGroup[i];
    if (h !== null && (h.sharedPending & bit(sharedSig[i])) !== 0n) continue; // in use
    sharedGroup[i] = g;
    sharedSig[i] = sig;
    sharedCode[i] = code;
    sharedPid[i] = pid;
    sharedWord[i] = word;
    sharedWord2[i] = word2;
    return;
  }
}

function bit(sig: i32): u64 {
  return 1n << BigInt(sig - 1);
}

const UNBLOCKABLE: u64 = (1n << 8n) | (1n << 18n); // SIGKILL, SIGSTOP
const STOP_SIGNALS: u64 = (1n << 18n) | (1n << 19n) | (1n << 20n) | (1n << 21n);
const SIGKILL_BIT: u64 = 1n << 8n;

/** Index of `sig` in the task's action set, or -1 (a kernel thread: default dispositions). */
function actionIndex(t: Task, sig: i32): i32 {
  const s = actionSet[t.slot];
  return s < 0 ? -1 : s * SLOTS + sig;
}

function allocActionSet(): i32 {
  for (let s = 0; s < MAX_TASKS; s++) if (setUsers[s] === 0) { setUsers[s] = 1; return s; }
  panic("no free signal action set");
}

/** The disposition of `sig` in task `t` (SIG_DFL, SIG_IGN or a handler address). */
export function signalHandler(t: Task, sig: i32): u32 {
  const i = actionIndex(t, sig);
  return i < 0 ? SIG_DFL : handlers[i];
}

/** The sa_flags recorded with the disposition. */
export function signalFlags(t: Task, sig: i32): u32 {
  const i = actionIndex(t, sig);
  return i < 0 ? 0 : flags[i];
}

/** The sa_restorer recorded with the disposition. */
export function signalRestorer(t: Task, sig: i32): u32 {
  const i = actionIndex(t, sig);
  return i < 0 ? 0 : restorers[i];
}

/** The sa_mask recorded with the disposition (blocked while the handler runs). */
export function signalActionMask(t: Task, sig: i32): u64 {
  const i = actionIndex(t, sig);
  return i < 0 ? 0n : actionMasks[i];
}

/**
 * Sets the disposition of `sig` (for every thread sharing it). Setting SIG_IGN (or SIG_DFL where
 * the default is to ignore) discards a pending instance in the whole process, as POSIX requires.
 */
export function setSignalAction(t: Task, sig: i32, handler: u32, saFlags: u32, restorer: u32, mask: u64): void {
  const i = actionIndex(t, sig);
  if (i < 0) return;
  handlers[i] = handler;
  flags[i] = saFlags;
  restorers[i] = restorer;
  actionMasks[i] = mask & ~UNBLOCKABLE;
  if (isIgnored(t, sig)) {
    const g = t.group;
    g.sharedPending &= ~bit(sig);
    for (const o of g.threads) o.pendingSignals &= ~bit(sig);
  }
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
  const h = signalHandler(t, sig);
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === DefaultAction.Ignore);
}

/** Signals pending for `t`: its own and its process's. */
export function pendingSignalsOf(t: Task): u64 {
  return t.pendingSignals | t.group.sharedPending;
}

/** Pending signals (the thread's and the process's) that are not blocked. */
export function deliverableSignals(t: Task): u64 {
  return pendingSignalsOf(t) & ~t.blockedSignals;
}

/** Does `t` have a signal that should interrupt a wait (pending and not blocked, or a group stop)? */
export function signalPending(t: Task): boolean {
  return t.hasDeliverableSignal();
}

/** Is SIGKILL pending for `t` (waits that only a fatal signal may end)? */
export function fatalSignalPending(t: Task): boolean {
  return (pendingSignalsOf(t) & SIGKILL_BIT) !== 0n;
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
 * The job-control effects of a signal on the whole process, at the moment it is sent: SIGCONT
 * and SIGKILL drop pending stop signals and resume a stopped process (SIGCONT reports it to the
 * parent); a stop signal drops a pending SIGCONT.
 */
function applyJobControl(g: ThreadGroup, sig: i32): void {
  if (sig === Sig.CONT || sig === Sig.KILL) {
    g.sharedPending &= ~STOP_SIGNALS;
    for (const t of g.threads) {
      t.pendingSignals &= ~STOP_SIGNALS;
      t.stopPending = false;
      if (t.state === TaskState.Stopped) makeRunnable(t);
    }
    if (g.stopped) {
      g.stopped = false;
      if (sig === Sig.CONT) {
        g.leader.jobEvent = 0xffff; // reported to a WCONTINUED waiter
        notifyParent(g.leader, SiCode.CldContinued, Sig.CONT);
      }
    }
  } else if ((bit(sig) & STOP_SIGNALS) !== 0n) {
    g.sharedPending &= ~bit(Sig.CONT);
    for (const t of g.threads) t.pendingSignals &= ~bit(Sig.CONT);
  }
}

/** Can `g` take signals (a user process with a thread left)? */
function receives(g: ThreadGroup): boolean {
  return g.user && g.threads.length !== 0;
}

/**
 * Sends `sig` to the process of `t` (kill): pending for the whole process with its siginfo
 * (`code`, sender `pid`, `word` as for signalInfoWord), taken by the first thread that does not
 * block it — `t` when it can. Applies the job-control side effects at once, discards signals
 * that would be ignored, and wakes the chosen thread from an interruptible wait. SIGKILL reaches
 * every thread. Returns 0; -1 for kernel threads and processes that have ended.
 */
export function sendSignal(t: Task, sig: i32, code: i32, pid: i32, word: u32): i32 {
  return sendSignalFull(t, sig, code, pid, word, 0);
}

/** sendSignal with the second siginfo word. */
export function sendSignalFull(t: Task, sig: i32, code: i32, pid: i32, word: u32, word2: u32): i32 {
  if (sig <= 0 || sig > NSIG) return 0;
  const g = t.group;
  if (!receives(g)) return -1;
  applyJobControl(g, sig);
  if (sig === Sig.KILL) {
    killThreads(g, null);
    return 0;
  }
  if (isIgnored(t, sig) && !signalBlocked(t, sig)) return 0;
  if ((g.sharedPending & bit(sig)) === 0n) {
    recordSharedInfo(g, sig, code, pid, word, word2);
    g.sharedPending |= bit(sig);
  }
  let taker: Task | null = t.state !== TaskState.Zombie && !signalBlocked(t, sig) ? t : null;
  if (taker === null) for (const o of g.threads) if (taker === null && !signalBlocked(o, sig)) taker = o;
  if (taker !== null && taker.state === TaskState.Blocked) makeRunnable(taker);
  return 0;
}

/**
 * Sends `sig` to thread `t` alone (tkill, tgkill, faults): pending in its own set, taken only by
 * it; the job-control effects still apply to its whole process. Returns 0; -1 for kernel
 * threads and threads that have exited.
 */
export function sendThreadSignal(t: Task, sig: i32, code: i32, pid: i32, word: u32, word2: u32): i32 {
  if (sig <= 0 || sig > NSIG) return 0;
  if (!receives(t.group) || t.state === TaskState.Zombie) return -1;
  applyJobControl(t.group, sig);
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
 * Makes SIGKILL pending for every thread of `g` but `except` and wakes them (from any wait and
 * from a stop): the way exit_group, a fatal signal and execve end the other threads.
 */
export function killThreads(g: ThreadGroup, except: Task | null): void {
  for (const t of g.threads) {
    if (t === except) continue;
    if ((t.pendingSignals & SIGKILL_BIT) === 0n) {
      const i = t.slot * SLOTS + Sig.KILL;
      infoCode[i] = SiCode.Kernel;
      infoPid[i] = 0;
      infoWord[i] = 0;
      infoWord2[i] = 0;
      t.pendingSignals |= SIGKILL_BIT;
    }
    t.stopPending = false;
    if (t.state === TaskState.Blocked || t.state === TaskState.Stopped) makeRunnable(t);
  }
}

/**
 * Makes a synchronous fault signal take effect even when the task blocks or ignores it: it is
 * unblocked and reset to the default action (Linux's force_sig); it goes to the faulting thread.
 */
export function forceSignal(t: Task, sig: i32, code: i32, addr: u32, errorCode: u32): void {
  const i = actionIndex(t, sig);
  if (i >= 0 && (handlers[i] === SIG_IGN || signalBlocked(t, sig))) {
    handlers[i] = SIG_DFL;
    t.blockedSignals &= ~bit(sig);
  }
  t.pendingSignals &= ~bit(sig);
  sendThreadSignal(t, sig, code, 0, addr, errorCode);
}

/** The signal to take from `set` (not empty): synchronous faults first, as Linux does, then by number. */
function lowestSignal(set: u64): i32 {
  const sync: u64 = bit(Sig.SEGV) | bit(Sig.BUS) | bit(Sig.ILL) | bit(Sig.TRAP) | bit(Sig.FPE) | bit(Sig.SYS);
  const pick = (set & sync) !== 0n ? set & sync : set;
  let sig = 1;
  while ((pick & bit(sig)) === 0n) sig++;
  return sig;
}

/**
 * Takes a deliverable signal off the thread's own pending set, else off its process's (0: none);
 * its siginfo stays readable through signalInfo*(t, sig).
 */
export function dequeueSignal(t: Task): i32 {
  const own = t.pendingSignals & ~t.blockedSignals;
  if (own !== 0n) {
    const sig = lowestSignal(own);
    t.pendingSignals &= ~bit(sig);
    return sig;
  }
  const g = t.group;
  const shared = g.sharedPending & ~t.blockedSignals;
  if (shared === 0n) return 0;
  const sig = lowestSignal(shared);
  const from = sharedInfoIndex(g, sig), to = t.slot * SLOTS + sig;
  g.sharedPending &= ~bit(sig);
  infoCode[to] = from < 0 ? SiCode.User : sharedCode[from];
  infoPid[to] = from < 0 ? 0 : sharedPid[from];
  infoWord[to] = from < 0 ? 0 : sharedWord[from];
  infoWord2[to] = from < 0 ? 0 : sharedWord2[from];
  return sig;
}

/**
 * Tells the parent about a process's exit, stop or continue (`child` is its leader): the exit
 * signal chosen at clone (SIGCHLD unless asked otherwise; none for 0) with CLD_EXITED/KILLED,
 * SIGCHLD for a stop or continue (unless the parent asked for no stop notifications), and a
 * wakeup for a parent in wait4.
 */
export function notifyParent(child: Task, code: i32, status: i32): void {
  const p = child.parent;
  if (p === null) return;
  const jobControl = code === SiCode.CldStopped || code === SiCode.CldContinued;
  const sig = jobControl ? Sig.CHLD : child.exitSignal;
  const quiet = jobControl && (signalFlags(p, Sig.CHLD) & SA_NOCLDSTOP) !== 0;
  if (!quiet && sig > 0) sendSignal(p, sig, code, child.tgid, u32(status));
  wakeUp(addressOf(p));
}

function onNew(child: Task, parent: Task | null, isFork: boolean): void {
  const inherit = parent !== null && isFork;
  if (inherit && parent !== null && (child.cloneFlags & CLONE_SIGHAND) !== 0 && actionSet[parent.slot] >= 0) {
    actionSet[child.slot] = actionSet[parent.slot];
    setUsers[actionSet[child.slot]]++;
  } else {
    const set = allocActionSet();
    const c = set * SLOTS;
    const p = inherit && parent !== null && actionSet[parent.slot] >= 0 ? actionSet[parent.slot] * SLOTS : -1;
    actionSet[child.slot] = set;
    for (let s = 0; s <= NSIG; s++) {
      handlers[c + s] = p >= 0 ? handlers[p + s] : SIG_DFL;
      flags[c + s] = p >= 0 ? flags[p + s] : 0;
      restorers[c + s] = p >= 0 ? restorers[p + s] : 0;
      actionMasks[c + s] = p >= 0 ? actionMasks[p + s] : 0n;
    }
  }
  child.blockedSignals = parent !== null ? parent.blockedSignals : 0n;
  child.pendingSignals = 0n;
  // A thread sharing the memory but not waiting like vfork starts on its own stack: no alternate one.
  const ownStack = (child.cloneFlags & (CLONE_VM | CLONE_VFORK)) === CLONE_VM;
  if (inherit && parent !== null && !ownStack) {
    child.altStackSp = parent.altStackSp;
    child.altStackSize = parent.altStackSize;
    child.altStackDisabled = parent.altStackDisabled;
  }
}

function releaseActionSet(t: Task): void {
  const s = actionSet[t.slot];
  if (s < 0) return;
  setUsers[s]--;
  actionSet[t.slot] = -1;
}

function onExit(t: Task): void {
  releaseActionSet(t);
}

/**
 * execve keeps ignored signals ignored and resets handlers to the default (POSIX) — in a private
 * copy when the dispositions were shared with another process; the alternate stack is gone.
 */
function onExec(t: Task): void {
  const old = actionSet[t.slot];
  if (old < 0) return;
  if (setUsers[old] > 1) {
    const s = allocActionSet();
    for (let sig = 0; sig <= NSIG; sig++) handlers[s * SLOTS + sig] = handlers[old * SLOTS + sig];
    setUsers[old]--;
    actionSet[t.slot] = s;
  }
  const c = actionSet[t.slot] * SLOTS;
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
