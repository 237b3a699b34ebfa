/**
 * What a fault means for a process: demand-zero pages inside its regions are served; any other
 * fault in user mode ends the process with a message (SIGSEGV/SIGILL/SIGFPE-style exit status
 * 128+signal until signals exist), and the kernel carries on.
 */
import { TrapFrame } from "../arch/x86/trapframe";
import { setUserFaultHooks, exceptionName, Vector } from "../arch/x86/traps";
import { currentTask } from "./sched";
import { killCurrent } from "./process";
import { warn } from "../lib/printk";

const SIGILL = 4;
const SIGFPE = 8;
const SIGSEGV = 11;
const SIGTRAP = 5;

function servePage(frame: TrapFrame, addr: u32): boolean {
  const t = currentTask();
  const space = t.aspace;
  if (space === null) return false;
  const code = frame.errorCode;
  return space.handleFault(addr, (code & 2) !== 0, (code & 1) !== 0);
}

function signalFor(vector: u32): i32 {
  if (vector === Vector.DivideError) return SIGFPE;
  if (vector === Vector.InvalidOpcode) return SIGILL;
  if (vector === Vector.Breakpoint || vector === Vector.Debug) return SIGTRAP;
  return SIGSEGV;
}

function killOnFault(frame: TrapFrame): void {
  const t = currentTask();
  const sig = signalFor(frame.vector);
  const addr = frame.vector === Vector.PageFault ? readCr2() : frame.eip;
  warn(`${t.name}[${t.pid}]: ${exceptionName(frame.vector)} at eip ${frame.eip} (address ${addr}); killed by signal ${sig}`);
  killCurrent(sig);
}

/** Installs the process fault policy. */
export function processFaultsInit(): void {
  setUserFaultHooks(servePage, killOnFault);
}
