/**
 * Signal delivery on the way back to user mode, with the Linux i386 frame layouts: default
 * actions (terminate, stop, continue, ignore), handler frames (`struct sigframe` for plain
 * handlers, `struct rt_sigframe` with siginfo and ucontext for SA_SIGINFO ones, the FPU state
 * after them), the alternate signal stack, restarting interrupted system calls (SA_RESTART and
 * the internal -ERESTART* codes), and sigreturn/rt_sigreturn, which validate everything they
 * take back from user memory: a forged frame ends in SIGSEGV, never in kernel mode.
 */
import { TrapFrame } from "../arch/x86/trapframe";
import { fpuEnabled, fpuReloadCurrent, fpuResetArea, fpuSaveCurrent, fpuSanitizeArea } from "../arch/x86/fpu";
import { vsyscallSigreturn } from "../arch/x86/sysenter";
import { userDataSelector } from "../arch/x86/tls";
import { Task } from "../proc/task";
import { currentTask, setUserReturnHook } from "../proc/sched";
import {
  DefaultAction, SIG_DFL, SIG_IGN, SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTART, SA_RESTORER, SA_SIGINFO, Sig, SiCode,
  defaultAction, dequeueSignal, forceSignal, setSignalAction, setSignalMask, signalActionMask, signalFlags, signalHandler,
  signalInfoCode, signalInfoPid, signalInfoWord, signalInfoWord2, signalMask, signalRestorer,
} from "../proc/signal";
import { ERESTARTNOHAND, ERESTARTNOINTR, ERESTARTSYS, ERESTART_RESTARTBLOCK, killCurrent, stopCurrent } from "../proc/process";
import { copyFromUser, copyToUser } from "./uaccess";
import { Errno } from "./errno";
import { scratchRegion } from "./scratch";
import { warn } from "../lib/printk";

const USER_CS: u32 = 0x1b;
const USER_DS: u32 = 0x23;
/** EFLAGS bits a signal frame may change: AC OF DF TF SF ZF AF PF CF RF. */
const FIX_EFLAGS: u32 = 0x40000 | 0x800 | 0x400 | 0x100 | 0x80 | 0x40 | 0x10 | 0x4 | 0x1 | 0x10000;
const EFLAGS_TF: u32 = 0x100;
const EFLAGS_DF: u32 = 0x400;
const EFLAGS_RF: u32 = 0x10000;

/** struct sigcontext (i386): 22 words; the first 19 mirror the trap frame. */
const SC_BYTES: u32 = 88;
const SC_ESP: u32 = 28;
const SC_EAX: u32 = 44;
const SC_TRAPNO: u32 = 48;
const SC_ERR: u32 = 52;
const SC_EIP: u32 = 56;
const SC_CS: u32 = 60;
const SC_EFLAGS: u32 = 64;
const SC_ESP_AT_SIGNAL: u32 = 68;
const SC_SS: u32 = 72;
const SC_FPSTATE: u32 = 76;
const SC_OLDMASK: u32 = 80;
const SC_CR2: u32 = 84;
/** struct _fpstate (i386, FXSR): the fsave-format header, then the fxsave image at +112. */
const FPSTATE_BYTES: u32 = 624;
const FPSTATE_FXSAVE: u32 = 112;
/** struct sigframe: pretcode, sig, sigcontext, unused _fpstate, extramask, retcode. */
const SF_SC: u32 = 8;
const SF_EXTRAMASK: u32 = 8 + SC_BYTES + FPSTATE_BYTES;
const SF_RETCODE: u32 = SF_EXTRAMASK + 4;
const SF_BYTES: u32 = SF_RETCODE + 8;
/** struct rt_sigframe: pretcode, sig, pinfo, puc, siginfo (128), ucontext, retcode. */
const RT_INFO: u32 = 16;
const RT_UC: u32 = 144;
const UC_STACK: u32 = 8;
const UC_MCONTEXT: u32 = 20;
const UC_SIGMASK: u32 = UC_MCONTEXT + SC_BYTES;
const RT_RETCODE: u32 = RT_UC + UC_SIGMASK + 8;
const RT_BYTES: u32 = RT_RETCODE + 8;
/** sigaltstack flags. */
export const SS_ONSTACK: u32 = 1;
export const SS_DISABLE: u32 = 2;

/** The frame under construction (and the frame read back by sigreturn). */
const scratch = scratchRegion(SF_BYTES + FPSTATE_BYTES + 16);
/** An fxsave image read back from a frame (16-byte aligned). */
const fxArea = scratchRegion(512);

/** Is `sp` on the task's alternate signal stack? */
export function onAltStack(t: Task, sp: u32): boolean {
  return !t.altStackDisabled && sp > t.altStackSp && sp - t.altStackSp <= t.altStackSize;
}

/** The sigaltstack flags a task would report at stack pointer `sp`. */
export function altStackFlags(t: Task, sp: u32): u32 {
  return t.altStackDisabled ? SS_DISABLE : onAltStack(t, sp) ? SS_ONSTACK : 0;
}

/** Writes the fields of a siginfo for `sig` at `at` (128 bytes, zeroed first). */
function writeSiginfo(at: u32, t: Task, sig: i32): void {
  memset(at, 0, 128);
  const code = signalInfoCode(t, sig);
  store32(at, u32(sig));
  store32(at + 8, u32(code));
  if (isFaultSignal(sig) && sig !== Sig.SYS && (code > 0 || code === SiCode.Kernel)) {
    store32(at + 12, signalInfoWord(t, sig)); // si_addr
  } else {
    store32(at + 12, u32(signalInfoPid(t, sig))); // si_pid, si_uid 0
    if (sig === Sig.CHLD && code > 0) store32(at + 20, signalInfoWord(t, sig)); // si_status
    else if (code === SiCode.Queue || code === SiCode.Tkill) store32(at + 20, signalInfoWord2(t, sig)); // si_value
  }
}

/** Fills a sigcontext at `at` from the trap frame. */
function writeSigcontext(at: u32, frame: u32, fpstate: u32, oldMask: u32, t: Task, sig: i32): void {
  memmove(at, frame, 76);
  for (let off: u32 = 0; off < 16; off += 4) store32(at + off, load32(at + off) & 0xffff); // gs fs es ds
  store32(at + SC_CS, load32(at + SC_CS) & 0xffff);
  store32(at + SC_SS, load32(at + SC_SS) & 0xffff);
  store32(at + SC_ESP, load32(frame + SC_ESP_AT_SIGNAL)); // the user esp (the frame holds pushal's)
  store32(at + SC_FPSTATE, fpstate);
  store32(at + SC_OLDMASK, oldMask);
  store32(at + SC_CR2, sig === Sig.SEGV || sig === Sig.BUS ? signalInfoWord(t, sig) : 0);
  store32(at + SC_ERR, signalInfoWord2(t, sig));
}

/** Fills a struct _fpstate at `at` from the task's saved fxsave image (header converted as Linux does). */
function writeFpstate(at: u32, area: u32): void {
  memset(at, 0, FPSTATE_FXSAVE);
  memmove(at + FPSTATE_FXSAVE, area, 512);
  store32(at, (0xffff0000 | u32(load16(area))) >>> 0); // cw
  store32(at + 4, (0xffff0000 | u32(load16(area + 2))) >>> 0); // sw
  const abridged = load8(area + 4);
  let tag: u32 = 0xffff0000;
  for (let i: u32 = 0; i < 8; i++) if (((abridged >>> i) & 1) === 0) tag = (tag | (3 << (i * 2))) >>> 0;
  store32(at + 8, tag);
  store32(at + 12, load32(area + 8)); // ipoff
  store32(at + 16, (u32(load16(area + 12)) | (u32(load16(area + 6)) << 16)) >>> 0); // cssel | opcode
  store32(at + 20, load32(area + 16)); // dataoff
  store32(at + 24, (0xffff0000 | u32(load16(area + 20))) >>> 0); // datasel
  for (let i: u32 = 0; i < 8; i++) memmove(at + 28 + i * 10, area + 32 + i * 16, 10);
  store16(at + 108, u16(load16(area + 2))); // status
  store16(at + 110, 0); // magic: X86_FXSR_MAGIC
}

function lowWord(m: u64): u32 {
  return u32(Number(m & 0xffffffffn));
}

function highWord(m: u64): u32 {
  return u32(Number((m >> 32n) & 0xffffffffn));
}

/**
 * Builds the handler's frame on the user stack (or the alternate stack) and points the trap
 * frame at the handler; false when the stack cannot take the frame.
 */
function setupFrame(frame: TrapFrame, t: Task, sig: i32, handler: u32): boolean {
  const sf = signalFlags(t, sig);
  const rt = (sf & SA_SIGINFO) !== 0;
  const f = addressOf(frame);
  let sp = load32(f + SC_ESP_AT_SIGNAL);
  const wasOnAlt = onAltStack(t, sp);
  if ((sf & SA_ONSTACK) !== 0 && !t.altStackDisabled && !wasOnAlt) sp = t.altStackSp + t.altStackSize;
  const fpu = fpuEnabled();
  let fpAddr: u32 = 0;
  if (fpu) {
    sp = ((sp - FPSTATE_BYTES) & ~63) >>> 0;
    fpAddr = sp;
  }
  const size = rt ? RT_BYTES : SF_BYTES;
  sp = ((((sp - size + 4) & ~15) >>> 0) - 4) >>> 0;
  if (sp < 4096 || sp + size < sp) return false;
  // The mask sigreturn restores: the one before rt_sigsuspend when that call is what ended.
  const old = t.restoreSignalMask ? t.savedSignalMask : signalMask(t);
  const restorer = (sf & SA_RESTORER) !== 0 ? signalRestorer(t, sig) : vsyscallSigreturn(rt);
  memset(scratch, 0, size);
  store32(scratch, restorer);
  store32(scratch + 4, u32(sig));
  if (rt) {
    store32(scratch + 8, sp + RT_INFO);
    store32(scratch + 12, sp + RT_UC);
    writeSiginfo(scratch + RT_INFO, t, sig);
    const uc = scratch + RT_UC;
    store32(uc + UC_STACK, t.altStackSp);
    store32(uc + UC_STACK + 4, altStackFlags(t, load32(f + SC_ESP_AT_SIGNAL)));
    store32(uc + UC_STACK + 8, t.altStackSize);
    writeSigcontext(uc + UC_MCONTEXT, f, fpAddr, lowWord(old), t, sig);
    store32(uc + UC_SIGMASK, lowWord(old));
    store32(uc + UC_SIGMASK + 4, highWord(old));
    // retcode: movl $173, %eax; int $0x80 (what debuggers recognise as a signal frame)
    store8(scratch + RT_RETCODE, 0xb8); store32(scratch + RT_RETCODE + 1, 173); store16(scratch + RT_RETCODE + 5, 0x80cd);
  } else {
    writeSigcontext(scratch + SF_SC, f, fpAddr, lowWord(old), t, sig);
    store32(scratch + SF_EXTRAMASK, highWord(old));
    // retcode: popl %eax; movl $119, %eax; int $0x80
    store8(scratch + SF_RETCODE, 0x58); store8(scratch + SF_RETCODE + 1, 0xb8); store32(scratch + SF_RETCODE + 2, 119);
    store16(scratch + SF_RETCODE + 6, 0x80cd);
  }
  if (copyToUser(sp, scratch, size) !== 0) return false;
  if (fpu) {
    fpuSaveCurrent(t.fpuArea);
    writeFpstate(scratch, t.fpuArea);
    if (copyToUser(fpAddr, scratch, FPSTATE_BYTES) !== 0) return false;
    fpuResetArea(t.fpuArea); // the handler starts with a clean FPU, as on Linux
    fpuReloadCurrent();
  }
  // Enter the handler: regparm(3) arguments as Linux passes them (eax = sig, edx = info, ecx = uc).
  store32(f + SC_ESP_AT_SIGNAL, sp);
  frame.eip = handler;
  frame.eax = u32(sig);
  frame.edx = rt ? sp + RT_INFO : 0;
  frame.ecx = rt ? sp + RT_UC : 0;
  frame.cs = USER_CS;
  store32(f + SC_SS, USER_DS);
  frame.ds = USER_DS;
  frame.es = USER_DS;
  frame.eflags = (frame.eflags & ~(EFLAGS_TF | EFLAGS_DF | EFLAGS_RF)) >>> 0;
  t.restoreSignalMask = false;
  let blocked = signalMask(t) | signalActionMask(t, sig);
  if ((sf & SA_NODEFER) === 0) blocked |= 1n << BigInt(sig - 1);
  setSignalMask(t, blocked);
  if ((sf & SA_RESETHAND) !== 0) setSignalAction(t, sig, SIG_DFL, 0, 0, 0n);
  return true;
}

/** Points the frame back at the interrupted system call (eax = `nr`, eip on its `int $0x80`/restart point). */
function restartSyscall(frame: TrapFrame, nr: u32): void {
  frame.eax = nr;
  frame.eip -= 2;
}

/**
 * Resolves a system call's internal restart code before returning to user mode: with a handler
 * about to run (`handlerFlags` its sa_flags) the call restarts only for SA_RESTART (-ERESTARTSYS)
 * or always (-ERESTARTNOINTR), else fails with -EINTR; with no handler every code restarts
 * (nanosleep through restart_syscall, which continues with the time left).
 */
function resolveRestart(frame: TrapFrame, t: Task, handlerRuns: boolean, handlerFlags: u32): void {
  if (frame.vector !== 0x80 || t.syscallNr < 0) return;
  const r = -i32(frame.eax);
  if (r !== ERESTARTSYS && r !== ERESTARTNOINTR && r !== ERESTARTNOHAND && r !== ERESTART_RESTARTBLOCK) return;
  const nr = u32(t.syscallNr);
  t.syscallNr = -1;
  if (!handlerRuns) {
    restartSyscall(frame, r === ERESTART_RESTARTBLOCK ? 0 : nr);
    return;
  }
  if (r === ERESTARTNOINTR || (r === ERESTARTSYS && (handlerFlags & SA_RESTART) !== 0)) restartSyscall(frame, nr);
  else frame.eax = u32(-Errno.EINTR >>> 0);
}

function isFaultSignal(sig: i32): boolean {
  return sig === Sig.SEGV || sig === Sig.BUS || sig === Sig.ILL || sig === Sig.FPE || sig === Sig.TRAP || sig === Sig.SYS;
}

/** Acts on the current task's deliverable signals (and a group stop) before it returns to user mode. */
function deliverSignals(frame: TrapFrame): void {
  const t = currentTask();
  for (;;) {
    if (t.stopPending) {
      stopCurrent(0); // another thread took a stop signal: the whole process stops
      continue;
    }
    const sig = dequeueSignal(t);
    if (sig === 0) break;
    const h = signalHandler(t, sig);
    if (h === SIG_IGN) continue;
    if (h === SIG_DFL) {
      const act = defaultAction(sig);
      if (act === DefaultAction.Ignore || act === DefaultAction.Continue) continue;
      if (act === DefaultAction.Stop) {
        stopCurrent(sig);
        continue;
      }
      if (t.tgid === 1 && !isFaultSignal(sig) && !t.group.exiting) continue; // init dies only of its own faults (or exit_group)
      killCurrent(sig);
    }
    resolveRestart(frame, t, true, signalFlags(t, sig));
    if (!setupFrame(frame, t, sig, h)) {
      const name = t.name;
      warn(`${name}[${t.pid}]: cannot push the frame for signal ${sig} (stack at ${load32(addressOf(frame) + SC_ESP_AT_SIGNAL)}); killed by SIGSEGV`);
      dispose(name);
      killCurrent(Sig.SEGV);
    }
  }
  resolveRestart(frame, t, false, 0);
  if (t.restoreSignalMask) {
    t.restoreSignalMask = false;
    setSignalMask(t, t.savedSignalMask);
  }
}

/**
 * Restores the registers (and FPU state) saved in a sigcontext at kernel address `sc`;
 * false when the context is not one user mode may return to.
 */
function restoreSigcontext(frame: TrapFrame, t: Task, sc: u32): boolean {
  const gs = load32(sc) & 0xffff, fs = load32(sc + 4) & 0xffff, es = load32(sc + 8) & 0xffff, ds = load32(sc + 12) & 0xffff;
  const cs = (load32(sc + SC_CS) & 0xffff) | 3, ss = (load32(sc + SC_SS) & 0xffff) | 3;
  if (cs !== USER_CS || ss !== USER_DS) return false;
  if (!userDataSelector(gs) || !userDataSelector(fs) || !userDataSelector(es) || !userDataSelector(ds)) return false;
  const fpstate = load32(sc + SC_FPSTATE);
  if (fpuEnabled()) {
    if (fpstate === 0) {
      fpuResetArea(t.fpuArea);
    } else {
      if (copyFromUser(fxArea, fpstate + FPSTATE_FXSAVE, 512) !== 0) return false;
      fpuSanitizeArea(fxArea);
      memmove(t.fpuArea, fxArea, 512);
    }
    fpuReloadCurrent();
  }
  const f = addressOf(frame);
  frame.gs = gs; frame.fs = fs; frame.es = es; frame.ds = ds;
  frame.edi = load32(sc + 16);
  frame.esi = load32(sc + 20);
  frame.ebp = load32(sc + 24);
  frame.ebx = load32(sc + 32);
  frame.edx = load32(sc + 36);
  frame.ecx = load32(sc + 40);
  frame.eax = load32(sc + SC_EAX);
  frame.eip = load32(sc + SC_EIP);
  frame.cs = USER_CS;
  frame.eflags = ((frame.eflags & ~FIX_EFLAGS) | (load32(sc + SC_EFLAGS) & FIX_EFLAGS)) >>> 0;
  store32(f + SC_ESP_AT_SIGNAL, load32(sc + SC_ESP));
  store32(f + SC_SS, USER_DS);
  t.syscallNr = -1; // the restored eax is a result, never a restart code
  return true;
}

/** sigreturn (119): returns from a plain handler; the frame sits 8 bytes below the stack pointer (pretcode and sig popped). */
export function sigreturn(frame: TrapFrame): i32 {
  const t = currentTask();
  const at = load32(addressOf(frame) + SC_ESP_AT_SIGNAL) - 8;
  if (copyFromUser(scratch, at, SF_BYTES) === 0) {
    setSignalMask(t, u64(load32(scratch + SF_SC + SC_OLDMASK)) | (u64(load32(scratch + SF_EXTRAMASK)) << 32n));
    if (restoreSigcontext(frame, t, scratch + SF_SC)) return i32(frame.eax);
  }
  return badFrame(frame, t);
}

/** rt_sigreturn (173): returns from an SA_SIGINFO handler; restores the mask and the alternate stack from the ucontext. */
export function rtSigreturn(frame: TrapFrame): i32 {
  const t = currentTask();
  const at = load32(addressOf(frame) + SC_ESP_AT_SIGNAL) - 4;
  if (copyFromUser(scratch, at, RT_BYTES) === 0) {
    const uc = scratch + RT_UC;
    setSignalMask(t, u64(load32(uc + UC_SIGMASK)) | (u64(load32(uc + UC_SIGMASK + 4)) << 32n));
    if (restoreSigcontext(frame, t, uc + UC_MCONTEXT)) {
      const ssSp = load32(uc + UC_STACK), ssFlags = load32(uc + UC_STACK + 4), ssSize = load32(uc + UC_STACK + 8);
      if (!onAltStack(t, load32(addressOf(frame) + SC_ESP_AT_SIGNAL))) {
        t.altStackDisabled = (ssFlags & SS_DISABLE) !== 0;
        t.altStackSp = t.altStackDisabled ? 0 : ssSp;
        t.altStackSize = t.altStackDisabled ? 0 : ssSize;
      }
      return i32(frame.eax);
    }
  }
  return badFrame(frame, t);
}

/** A sigreturn whose frame cannot be read or is forged: SIGSEGV, as Linux does. */
function badFrame(frame: TrapFrame, t: Task): i32 {
  const name = t.name;
  warn(`${name}[${t.pid}]: sigreturn with a bad frame at ${load32(addressOf(frame) + SC_ESP_AT_SIGNAL)}`);
  dispose(name);
  t.syscallNr = -1;
  forceSignal(t, Sig.SEGV, SiCode.Kernel, 0, 0);
  return i32(frame.eax);
}

/** Installs signal delivery on the return path to user mode. */
export function signalDeliveryInit(): void {
  setUserReturnHook(deliverSignals);
}
