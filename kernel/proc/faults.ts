/**
 * What a fault means for a process: pages inside its regions are served; any other fault in user
 * mode becomes the signal Linux sends for it (SIGSEGV, SIGBUS — also for a page past the end of
 * a mapped file —, SIGFPE, SIGILL, SIGTRAP with the matching si_code and si_addr), forced
 * through even when blocked or ignored. A handler may then run; otherwise the default action
 * ends the process with a message.
 */
import { TrapFrame } from "../arch/x86/trapframe";
import { setUserFaultHooks, exceptionName, Vector } from "../arch/x86/traps";
import { currentTask } from "./sched";
import { SIG_DFL, Sig, SiCode, forceSignal, signalBlocked, signalHandler } from "./signal";
import { warn } from "../lib/printk";

function servePage(frame: TrapFrame, addr: u32): boolean {
  const t = currentTask();
  const space = t.aspace;
  if (space === null) return false;
  const code = frame.errorCode;
  return space.handleFault(addr, (code & 2) !== 0, (code & 1) !== 0);
}

/** The signal and si_code Linux raises for an exception in user mode. */
class FaultSignal {
  constructor(readonly sig: i32, readonly code: i32) {}
}

function signalFor(frame: TrapFrame, addr: u32): FaultSignal {
  const v = frame.vector;
  if (v === Vector.DivideError) return new FaultSignal(Sig.FPE, SiCode.FpeIntDiv);
  if (v === Vector.FloatingPoint || v === Vector.Simd) return new FaultSignal(Sig.FPE, SiCode.Kernel);
  if (v === Vector.InvalidOpcode) return new FaultSignal(Sig.ILL, SiCode.IllIllOpn);
  if (v === Vector.Breakpoint || v === Vector.Debug) return new FaultSignal(Sig.TRAP, v === Vector.Debug ? SiCode.TrapBrkpt : SiCode.Kernel);
  if (v === Vector.SegmentNotPresent || v === Vector.StackFault || v === Vector.AlignmentCheck) {
    return new FaultSignal(Sig.BUS, v === Vector.AlignmentCheck ? SiCode.BusAdrErr : SiCode.Kernel);
  }
  if (v === Vector.PageFault) {
    const space = currentTask().aspace;
    if (space !== null && space.pastObjectEnd(addr)) return new FaultSignal(Sig.BUS, SiCode.BusAdrErr); // past a mapped file's end
    const inRegion = space !== null && space.regionAt(addr) !== null;
    return new FaultSignal(Sig.SEGV, inRegion || (frame.errorCode & 1) !== 0 ? SiCode.SegvAccErr : SiCode.SegvMapErr);
  }
  return new FaultSignal(Sig.SEGV, SiCode.Kernel); // #GP and the rest
}

function signalOnFault(frame: TrapFrame): void {
  const t = currentTask();
  const addr = frame.vector === Vector.PageFault ? readCr2() : frame.vector === Vector.GeneralProtection ? 0 : frame.eip;
  const f = signalFor(frame, addr);
  const h = signalHandler(t, f.sig);
  if (h === SIG_DFL || signalBlocked(t, f.sig)) {
    const name = t.name;
    warn(`${name}[${t.pid}]: ${exceptionName(frame.vector)} at eip ${frame.eip} (address ${addr}); killed by signal ${f.sig}`);
    dispose(name);
  }
  forceSignal(t, f.sig, f.code, addr, frame.vector === Vector.PageFault ? frame.errorCode : 0);
}

/** Installs the process fault policy. */
export function processFaultsInit(): void {
  setUserFaultHooks(servePage, signalOnFault);
}
