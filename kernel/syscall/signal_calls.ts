/**
 * Signal system calls with Linux i386 numbers and semantics: sending to processes (kill,
 * rt_sigqueueinfo) and to threads (tkill, tgkill, rt_tgsigqueueinfo), dispositions (rt_sigaction, sigaction, signal), masks (rt_sigprocmask,
 * sigprocmask), waiting (pause, rt_sigsuspend, sigsuspend, rt_sigtimedwait), inspection
 * (rt_sigpending, sigpending), the alternate stack (sigaltstack) and the returns from handlers
 * (sigreturn, rt_sigreturn).
 */
import { registerSyscall } from "./dispatch";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { copyFromUser, copyToUser } from "./uaccess";
import { currentTask, allTasks, sleepOn, sleepUntil } from "../proc/sched";
import { Task } from "../proc/task";
import { ERESTARTNOHAND, processById, signalProcess, threadById } from "../proc/process";
import {
  NSIG, SA_NODEFER, SA_RESETHAND, SiCode, Sig, dequeueSignal, pendingSignalsOf, sendSignalFull, sendThreadSignal, setSignalAction,
  setSignalMask, signalActionMask, signalFlags, signalHandler, signalInfoCode, signalInfoPid, signalInfoWord, signalMask, signalRestorer,
} from "../proc/signal";
import { SS_DISABLE, SS_ONSTACK, altStackFlags, onAltStack, rtSigreturn, sigreturn, signalDeliveryInit } from "./signal_delivery";
import { userFrame } from "../proc/process";
import { TrapFrame } from "../arch/x86/trapframe";
import { monotonicNs } from "../drivers/pit";

/** Scratch for signal sets, sigactions, stacks and timespecs. */
const scratch = scratchRegion(160);

const SIGSET_BYTES: u32 = 8;
/** Smallest alternate stack sigaltstack accepts (MINSIGSTKSZ). */
const MINSIGSTKSZ: u32 = 2048;
const FRAME_USER_ESP: u32 = 68;

function sysKill(pid: u32, sig: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const p = i32(pid);
  const s = i32(sig);
  if (s < 0 || s > NSIG) return -Errno.EINVAL;
  if (p > 0) {
    const t = processById(p);
    return t === null ? -Errno.ESRCH : signalProcess(t, s);
  }
  // Process groups: 0 = the caller's, -1 = every process but init and the caller's, < -1 = that group.
  const me = currentTask();
  let sent = 0;
  let lastError = -Errno.ESRCH;
  for (const t of allTasks()) {
    if (!t.isLeader || !t.group.user || t.group.threads.length === 0) continue; // each process once
    const hit = p === 0 ? t.pgid === me.pgid : p === -1 ? t.tgid !== 1 && t.group !== me.group : t.pgid === -p;
    if (!hit) continue;
    const r = signalProcess(t, s);
    if (r === 0) sent++;
    else lastError = r;
  }
  return sent > 0 ? 0 : lastError;
}

/** tkill/tgkill: the thread `tid` (of process `tgid`, when not -1) alone, with SI_TKILL. */
function sendToThread(tgid: i32, tid: i32, sig: i32): i32 {
  if (tid <= 0 || sig < 0 || sig > NSIG) return -Errno.EINVAL;
  const t = threadById(tid);
  if (t === null || (tgid >= 0 && t.tgid !== tgid)) return -Errno.ESRCH;
  if (sig === 0) return 0;
  if (t.tgid === 1 && signalHandler(t, sig) === 0) return -Errno.EPERM;
  sendThreadSignal(t, sig, SiCode.Tkill, currentTask().tgid, 0, 0);
  return 0;
}

function sysTkill(tid: u32, sig: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return sendToThread(-1, i32(tid), i32(sig));
}

function sysTgkill(tgid: u32, tid: u32, sig: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (i32(tgid) <= 0) return -Errno.EINVAL;
  return sendToThread(i32(tgid), i32(tid), i32(sig));
}

/**
 * rt_sigqueueinfo / rt_tgsigqueueinfo: a signal with a caller-supplied siginfo, to a process or
 * to one thread (`tid` > 0, of process `pid`); only negative si_codes may be forged for others.
 */
function queueInfo(pid: i32, tid: i32, s: i32, info: u32): i32 {
  if (s < 1 || s > NSIG) return -Errno.EINVAL;
  if (copyFromUser(scratch, info, 128) !== 0) return -Errno.EFAULT;
  const code = i32(load32(scratch + 8));
  const t = tid > 0 ? threadById(tid) : processById(pid);
  if (t === null || t.tgid !== pid) return -Errno.ESRCH;
  const me = currentTask();
  if (t.group !== me.group && (code >= 0 || code === SiCode.Tkill)) return -Errno.EPERM;
  const r = signalProcess(t, 0);
  if (r !== 0) return r;
  if (tid > 0) sendThreadSignal(t, s, code, me.tgid, 0, load32(scratch + 20));
  else sendSignalFull(t, s, code, me.tgid, 0, load32(scratch + 20));
  return 0;
}

function sysRtSigqueueinfo(pid: u32, sig: u32, info: u32, _d: u32, _e: u32, _f: u32): i32 {
  return queueInfo(i32(pid), 0, i32(sig), info);
}

function sysRtTgsigqueueinfo(tgid: u32, tid: u32, sig: u32, info: u32, _e: u32, _f: u32): i32 {
  if (i32(tgid) <= 0 || i32(tid) <= 0) return -Errno.EINVAL;
  return queueInfo(i32(tgid), i32(tid), i32(sig), info);
}

function validAction(s: i32): boolean {
  return s >= 1 && s <= NSIG;
}

/** rt_sigaction: struct sigaction { handler, flags, restorer, mask[2] } (20 bytes). */
function sysRtSigaction(sig: u32, act: u32, oldact: u32, size: u32, _e: u32, _f: u32): i32 {
  const s = i32(sig);
  if (size !== SIGSET_BYTES || !validAction(s)) return -Errno.EINVAL;
  const t = currentTask();
  if (act !== 0) {
    if (s === Sig.KILL || s === Sig.STOP) return -Errno.EINVAL; // they keep their default
    if (copyFromUser(scratch + 32, act, 20) !== 0) return -Errno.EFAULT;
  }
  if (oldact !== 0) {
    store32(scratch, signalHandler(t, s));
    store32(scratch + 4, signalFlags(t, s));
    store32(scratch + 8, signalRestorer(t, s));
    store64(scratch + 12, signalActionMask(t, s));
    if (copyToUser(oldact, scratch, 20) !== 0) return -Errno.EFAULT;
  }
  if (act !== 0) setSignalAction(t, s, load32(scratch + 32), load32(scratch + 36), load32(scratch + 40), load64(scratch + 44));
  return 0;
}

/** sigaction (67): struct old_sigaction { handler, mask (32 bits), flags, restorer }. */
function sysSigaction(sig: u32, act: u32, oldact: u32, _d: u32, _e: u32, _f: u32): i32 {
  const s = i32(sig);
  if (!validAction(s)) return -Errno.EINVAL;
  const t = currentTask();
  if (act !== 0) {
    if (s === Sig.KILL || s === Sig.STOP) return -Errno.EINVAL;
    if (copyFromUser(scratch + 32, act, 16) !== 0) return -Errno.EFAULT;
  }
  if (oldact !== 0) {
    store32(scratch, signalHandler(t, s));
    store32(scratch + 4, u32(Number(signalActionMask(t, s) & 0xffffffffn)));
    store32(scratch + 8, signalFlags(t, s));
    store32(scratch + 12, signalRestorer(t, s));
    if (copyToUser(oldact, scratch, 16) !== 0) return -Errno.EFAULT;
  }
  if (act !== 0) setSignalAction(t, s, load32(scratch + 32), load32(scratch + 40), load32(scratch + 44), u64(load32(scratch + 36)));
  return 0;
}

/** signal (48): installs a one-shot, non-deferring handler (System V semantics, as Linux); returns the old one. */
function sysSignal(sig: u32, handler: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const s = i32(sig);
  if (!validAction(s) || s === Sig.KILL || s === Sig.STOP) return -Errno.EINVAL;
  const t = currentTask();
  const old = signalHandler(t, s);
  setSignalAction(t, s, handler, (SA_RESETHAND | SA_NODEFER) >>> 0, 0, 0n);
  return i32(old);
}

/** Applies `how` (SIG_BLOCK 0, SIG_UNBLOCK 1, SIG_SETMASK 2) to the mask; false for a bad `how`. */
function changeMask(t: Task, how: u32, m: u64): boolean {
  const old = signalMask(t);
  if (how === 0) setSignalMask(t, old | m);
  else if (how === 1) setSignalMask(t, old & ~m);
  else if (how === 2) setSignalMask(t, m);
  else return false;
  return true;
}

function sysRtSigprocmask(how: u32, set: u32, oldset: u32, size: u32, _e: u32, _f: u32): i32 {
  if (size !== SIGSET_BYTES) return -Errno.EINVAL;
  const t = currentTask();
  const old = signalMask(t);
  if (set !== 0) {
    if (copyFromUser(scratch, set, 8) !== 0) return -Errno.EFAULT;
    if (how > 2) return -Errno.EINVAL;
  }
  if (oldset !== 0) {
    store64(scratch + 8, old);
    if (copyToUser(oldset, scratch + 8, 8) !== 0) return -Errno.EFAULT;
  }
  if (set !== 0) changeMask(t, how, load64(scratch));
  return 0;
}

/** sigprocmask (126): the 32-bit mask of the first 32 signals. */
function sysSigprocmask(how: u32, set: u32, oldset: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  const old = signalMask(t);
  if (set !== 0) {
    if (copyFromUser(scratch, set, 4) !== 0) return -Errno.EFAULT;
    if (how > 2) return -Errno.EINVAL;
  }
  if (oldset !== 0) {
    store32(scratch + 8, u32(Number(old & 0xffffffffn)));
    if (copyToUser(oldset, scratch + 8, 4) !== 0) return -Errno.EFAULT;
  }
  if (set !== 0) {
    const low = u64(load32(scratch));
    const m = how === 2 ? (old & 0xffffffff00000000n) | low : low;
    changeMask(t, how, m);
  }
  return 0;
}

function sysRtSigpending(set: u32, size: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (size !== SIGSET_BYTES) return -Errno.EINVAL;
  const t = currentTask();
  store64(scratch, pendingSignalsOf(t) & t.blockedSignals);
  return copyToUser(set, scratch, 8) === 0 ? 0 : -Errno.EFAULT;
}

function sysSigpending(set: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  store32(scratch, u32(Number(pendingSignalsOf(t) & t.blockedSignals & 0xffffffffn)));
  return copyToUser(set, scratch, 4) === 0 ? 0 : -Errno.EFAULT;
}

/** Sleeps until a signal is deliverable. */
function waitForSignal(t: Task): void {
  while (!t.hasDeliverableSignal()) sleepOn(addressOf(t) + 1);
}

function sysPause(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  waitForSignal(currentTask());
  return -ERESTARTNOHAND;
}

/** Replaces the mask until a handler has run (the frame records the old one), then waits. */
function suspendWith(t: Task, mask: u64): i32 {
  t.savedSignalMask = signalMask(t);
  t.restoreSignalMask = true;
  setSignalMask(t, mask);
  waitForSignal(t);
  return -ERESTARTNOHAND;
}

function sysRtSigsuspend(set: u32, size: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  if (size !== SIGSET_BYTES) return -Errno.EINVAL;
  if (copyFromUser(scratch, set, 8) !== 0) return -Errno.EFAULT;
  return suspendWith(currentTask(), load64(scratch));
}

/** sigsuspend (72): the old ABI passes the 32-bit mask itself (two ignored words first). */
function sysSigsuspend(_a: u32, _b: u32, mask: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  return suspendWith(t, (signalMask(t) & 0xffffffff00000000n) | u64(mask));
}

/**
 * rt_sigtimedwait: takes a pending signal of `set` without running its handler, waiting up to
 * the timeout (none: forever). The set is unblocked while waiting so that its arrival wakes us.
 */
function sysRtSigtimedwait(set: u32, info: u32, timeout: u32, size: u32, _e: u32, _f: u32): i32 {
  if (size !== SIGSET_BYTES) return -Errno.EINVAL;
  if (copyFromUser(scratch, set, 8) !== 0) return -Errno.EFAULT;
  const unblockable: u64 = (1n << 8n) | (1n << 18n);
  const want = u64(load64(scratch)) & ~unblockable;
  let deadline: u64 = 0n;
  if (timeout !== 0) {
    if (copyFromUser(scratch, timeout, 8) !== 0) return -Errno.EFAULT;
    const sec = i32(load32(scratch)), nsec = i32(load32(scratch + 4));
    if (sec < 0 || nsec < 0 || nsec >= 1000000000) return -Errno.EINVAL;
    deadline = monotonicNs() + u64(sec) * 1000000000n + u64(nsec);
  }
  const t = currentTask();
  const saved = signalMask(t);
  setSignalMask(t, saved & ~want);
  let sig = 0;
  for (;;) {
    if ((pendingSignalsOf(t) & want) !== 0n) {
      // Take the lowest signal of the set: everything else is blocked for the dequeue.
      setSignalMask(t, ~want);
      sig = dequeueSignal(t);
      break;
    }
    if (t.hasDeliverableSignal()) break; // another signal: its handler runs, the call fails
    if (timeout === 0) sleepOn(addressOf(t) + 1);
    else if (monotonicNs() >= deadline) break;
    else sleepUntil(deadline, monotonicNs);
  }
  setSignalMask(t, saved);
  if (sig === 0) return t.hasDeliverableSignal() ? -Errno.EINTR : -Errno.EAGAIN;
  if (info !== 0) {
    memset(scratch, 0, 128);
    store32(scratch, u32(sig));
    store32(scratch + 8, u32(signalInfoCode(t, sig)));
    store32(scratch + 12, u32(signalInfoPid(t, sig)));
    if (sig === Sig.CHLD) store32(scratch + 20, signalInfoWord(t, sig));
    if (copyToUser(info, scratch, 128) !== 0) return -Errno.EFAULT;
  }
  return sig;
}

/** sigaltstack: stack_t { ss_sp, ss_flags, ss_size }. */
function sysSigaltstack(ss: u32, oss: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  const t = currentTask();
  const sp = load32(userFrame(t) + FRAME_USER_ESP);
  if (ss !== 0 && copyFromUser(scratch, ss, 12) !== 0) return -Errno.EFAULT;
  if (oss !== 0) {
    store32(scratch + 16, t.altStackSp);
    store32(scratch + 20, altStackFlags(t, sp));
    store32(scratch + 24, t.altStackSize);
    if (copyToUser(oss, scratch + 16, 12) !== 0) return -Errno.EFAULT;
  }
  if (ss === 0) return 0;
  if (onAltStack(t, sp)) return -Errno.EPERM;
  const flags = load32(scratch + 4);
  if (flags !== 0 && flags !== SS_DISABLE && flags !== SS_ONSTACK) return -Errno.EINVAL;
  if (flags === SS_DISABLE) {
    t.altStackDisabled = true;
    t.altStackSp = 0;
    t.altStackSize = 0;
    return 0;
  }
  const size = load32(scratch + 8);
  if (size < MINSIGSTKSZ) return -Errno.ENOMEM;
  t.altStackDisabled = false;
  t.altStackSp = load32(scratch);
  t.altStackSize = size;
  return 0;
}

function sysSigreturn(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return sigreturn(ptrTo<TrapFrame>(userFrame(currentTask())));
}

function sysRtSigreturn(_a: u32, _b: u32, _c: u32, _d: u32, _e: u32, _f: u32): i32 {
  return rtSigreturn(ptrTo<TrapFrame>(userFrame(currentTask())));
}

/** Registers the signal system calls and the delivery on the return path. */
export function signalCallsInit(): void {
  registerSyscall(37, sysKill);
  registerSyscall(238, sysTkill);
  registerSyscall(270, sysTgkill);
  registerSyscall(178, sysRtSigqueueinfo);
  registerSyscall(335, sysRtTgsigqueueinfo);
  registerSyscall(174, sysRtSigaction);
  registerSyscall(67, sysSigaction);
  registerSyscall(48, sysSignal);
  registerSyscall(175, sysRtSigprocmask);
  registerSyscall(126, sysSigprocmask);
  registerSyscall(176, sysRtSigpending);
  registerSyscall(73, sysSigpending);
  registerSyscall(29, sysPause);
  registerSyscall(179, sysRtSigsuspend);
  registerSyscall(72, sysSigsuspend);
  registerSyscall(177, sysRtSigtimedwait);
  registerSyscall(186, sysSigaltstack);
  registerSyscall(119, sysSigreturn);
  registerSyscall(173, sysRtSigreturn);
  signalDeliveryInit();
}

