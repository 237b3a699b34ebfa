/**
 * CPU exceptions: names, decoding of error codes, recovery hooks for tests, and the panic
 * report (exception, decoded error code, registers, frame-pointer backtrace).
 */
import { TrapFrame } from "./trapframe";
import { setExceptionHandler } from "./idt";
import { rawLine, rawWrite, writeCString, writeHex32 } from "../../lib/printk";
import { kernelSymbols } from "../../debug/symbols";
import { mainTssAddress } from "./gdt";
import { halt } from "./cpu";
import { fpuDeviceNotAvailable } from "./fpu";

/** Exception vectors. */
export const enum Vector {
  DivideError = 0, Debug = 1, Nmi = 2, Breakpoint = 3, Overflow = 4, BoundRange = 5, InvalidOpcode = 6,
  DeviceNotAvailable = 7, DoubleFault = 8, InvalidTss = 10, SegmentNotPresent = 11, StackFault = 12,
  GeneralProtection = 13, PageFault = 14, FloatingPoint = 16, AlignmentCheck = 17, MachineCheck = 18, Simd = 19,
}

const NAMES: string[] = [
  "divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow", "bound range exceeded",
  "invalid opcode", "device not available", "double fault", "coprocessor segment overrun", "invalid TSS",
  "segment not present", "stack-segment fault", "general protection fault", "page fault", "reserved",
  "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
  "virtualization exception", "control protection exception", "reserved", "reserved", "reserved", "reserved",
  "reserved", "reserved", "hypervisor injection", "VMM communication", "security exception", "reserved",
];

/** The name of an exception vector. */
export function exceptionName(v: u32): string {
  return v < 32 ? NAMES[v] : "interrupt";
}

/**
 * A one-shot expectation set by tests: the next exception with this vector is recorded and
 * execution resumes `skip` bytes after the faulting instruction.
 */
class Expectation {
  vector: i32 = -1;
  skip: u32 = 0;
  /** When non-zero, execution resumes at this address instead of after the faulting instruction. */
  resumeAt: u32 = 0;
  hits: u32 = 0;
  lastEip: u32 = 0;
  lastErrorCode: u32 = 0;
  lastCr2: u32 = 0;
}
const expectation = new Expectation();

/** Arms recovery for the next exception `vector`, resuming `skip` bytes after the faulting instruction. */
export function expectException(vector: i32, skip: u32): void {
  expectation.vector = vector;
  expectation.skip = skip;
  expectation.resumeAt = 0;
  expectation.hits = 0;
}

/** Arms recovery for the next exception `vector`, resuming at address `resume`. */
export function expectExceptionResumingAt(vector: i32, resume: u32): void {
  expectException(vector, 0);
  expectation.resumeAt = resume;
}

/** How many expected exceptions were caught since `expectException`; disarms it. */
export function caughtExceptions(): u32 {
  expectation.vector = -1;
  return expectation.hits;
}

/** Error code and CR2 of the last expected exception. */
export function lastCaughtErrorCode(): u32 { return expectation.lastErrorCode; }
/** The faulting address of the last expected page fault. */
export function lastCaughtCr2(): u32 { return expectation.lastCr2; }

/** Extra fault handlers (demand paging and friends) consulted before panicking. */
export type FaultHook = (frame: TrapFrame) => boolean;
let pageFaultHook: FaultHook | null = null;

/** Tells whether an address lies in a guard page (installed by the memory manager). */
export type GuardPageQuery = (addr: u32) => boolean;
let guardPageQuery: GuardPageQuery | null = null;

/** Installs the guard-page query used to explain double faults. */
export function setGuardPageQuery(q: GuardPageQuery): void {
  guardPageQuery = q;
}

/** Installs the page-fault handler of the memory manager. */
export function setPageFaultHook(h: FaultHook): void {
  pageFaultHook = h;
}

/** Serves a page fault at a user address (demand paging); true when served. */
export type UserPageFaultHook = (frame: TrapFrame, addr: u32) => boolean;
/** Handles an exception raised in user mode that nothing served (it ends the process). */
export type UserFaultHook = (frame: TrapFrame) => void;
let userPageFaultHook: UserPageFaultHook | null = null;
let userFaultHook: UserFaultHook | null = null;

/** Installs the process layer's fault handlers. */
export function setUserFaultHooks(page: UserPageFaultHook, fatal: UserFaultHook): void {
  userPageFaultHook = page;
  userFaultHook = fatal;
}

/** The fixup address for a faulting kernel instruction listed in the exception table, or 0. */
export function exceptionFixup(eip: u32): u32 {
  const end = symbolAddress("__ex_table_end");
  for (let e = symbolAddress("__ex_table_start"); e < end; e += 8) if (load32(e) === eip) return load32(e + 4);
  return 0;
}

function handleException(frame: TrapFrame): boolean {
  const v = frame.vector;
  const fromUser = (frame.cs & 3) === 3;
  if (v === Vector.PageFault) {
    const addr = readCr2();
    const hook = pageFaultHook;
    if (!fromUser && hook !== null && hook(frame)) return true;
    const uh = userPageFaultHook;
    if (addr < 0xc0000000 && uh !== null && uh(frame, addr)) return true;
    if (!fromUser) {
      const fix = exceptionFixup(frame.eip);
      if (fix !== 0) { frame.eip = fix; return true; }
    }
  }
  if (v === Vector.DeviceNotAvailable && fpuDeviceNotAvailable()) return true; // lazy FPU switching
  if (!fromUser && (v === Vector.GeneralProtection || v === Vector.SegmentNotPresent || v === Vector.StackFault)) {
    // A segment load on the way back to user mode (isr.S, switch.S) with a stale selector. This
    // frame holds the same stale fs/gs (they were live when the fault came): null them too, or
    // its own return would fault again.
    const fix = exceptionFixup(frame.eip);
    if (fix !== 0) {
      frame.eip = fix;
      frame.fs = 0;
      frame.gs = 0;
      return true;
    }
  }
  if (fromUser) {
    const k = userFaultHook;
    if (k !== null) { k(frame); return true; }
  }
  if (expectation.vector === i32(v)) {
    expectation.hits++;
    expectation.lastEip = frame.eip;
    expectation.lastErrorCode = frame.errorCode;
    expectation.lastCr2 = v === Vector.PageFault ? readCr2() : 0;
    frame.eip = expectation.resumeAt !== 0 ? expectation.resumeAt : frame.eip + expectation.skip;
    return true;
  }
  exceptionPanic(frame);
}

/** Decodes a page-fault error code the way the SDM names its bits. */
export function describePageFault(code: u32): string {
  let s = (code & 1) !== 0 ? "protection violation" : "not present";
  s += (code & 2) !== 0 ? ", write" : ", read";
  s += (code & 4) !== 0 ? ", user" : ", kernel";
  if ((code & 8) !== 0) s += ", reserved bit set";
  if ((code & 16) !== 0) s += ", instruction fetch";
  return s;
}

function reg(name: string, v: u32): void {
  rawWrite(name);
  rawWrite("=");
  writeHex32(v);
  rawWrite(" ");
}

/** Prints the panic report for an unhandled exception and stops the machine. */
export function exceptionPanic(frame: TrapFrame): never {
  rawLine("");
  rawLine(`KERNEL PANIC: ${exceptionName(frame.vector)} (vector ${frame.vector}), error code ${frame.errorCode}`);
  if (frame.vector === Vector.PageFault) {
    rawWrite("  page fault at ");
    writeHex32(readCr2());
    rawLine(`: ${describePageFault(frame.errorCode)}`);
  }
  rawWrite("  ");
  reg("eip", frame.eip); reg("cs", frame.cs); reg("eflags", frame.eflags);
  rawLine("");
  rawWrite("  ");
  reg("eax", frame.eax); reg("ebx", frame.ebx); reg("ecx", frame.ecx); reg("edx", frame.edx);
  rawLine("");
  rawWrite("  ");
  reg("esi", frame.esi); reg("edi", frame.edi); reg("ebp", frame.ebp); reg("esp", frame.espAtEntry);
  rawLine("");
  rawWrite("  ");
  reg("cr0", readCr0()); reg("cr2", readCr2()); reg("cr3", readCr3()); reg("cr4", readCr4());
  rawLine("");
  printBacktraceFrom(frame.eip, frame.ebp);
  halt(3);
}

/** Backtraces stop after this many frames (a corrupt chain can loop). */
const MAX_FRAMES: u32 = 16;

/**
 * The frame pointer saved in the frame at `fp` (the caller's frame), or 0 where the chain ends:
 * frames live in the kernel's half, are aligned, and callers' frames lie above their callees'.
 */
export function callerFrame(fp: u32): u32 {
  if (fp < 0xc0000000 || (fp & 3) !== 0 || fp > 0xfffffff0) return 0;
  const next = load32(fp);
  return next > fp && next >= 0xc0000000 && (next & 3) === 0 ? next : 0;
}

/** The return address stored in the frame at `fp` (a valid frame, see callerFrame). */
export function frameReturnAddress(fp: u32): u32 {
  return load32(fp + 4);
}

/**
 * Prints one backtrace line, `  #N 0xc0101234 function (kernel/mm/buddy.ts:86)`. The symbol
 * table is searched at `lookupAt`: the address itself for a faulting instruction, the byte
 * before a return address (the call) for a caller's frame.
 */
function printFrame(index: u32, addr: u32, lookupAt: u32): void {
  rawWrite(`  #${index} 0x`);
  writeHex32(addr);
  const symbols = kernelSymbols();
  const range = symbols.lookup(lookupAt);
  if (range >= 0) {
    const name = symbols.nameAt(range), file = symbols.fileAt(range);
    if (name !== 0) { rawWrite(" "); writeCString(name); }
    if (file !== 0) { rawWrite(" ("); writeCString(file); rawWrite(`:${symbols.lineAt(range)})`); }
  }
  rawLine("");
}

/** Prints the callers found by walking the frame-pointer chain from `ebp`, numbered from `first`. */
function printCallers(ebp: u32, first: u32): void {
  let fp = ebp;
  for (let index = first; index < MAX_FRAMES && fp !== 0; index++) {
    const ret = frameReturnAddress(fp);
    if (ret < 0xc0000000) break;
    printFrame(index, ret, ret - 1);
    fp = callerFrame(fp);
  }
}

/** Prints a symbolised backtrace of the callers of the frame at `ebp` (e.g. `framePointer()`). */
export function printBacktrace(ebp: u32): void {
  rawLine("  backtrace:");
  printCallers(ebp, 0);
}

/** Prints a symbolised backtrace whose frame #0 is the instruction at `pc`, running with frame pointer `ebp`. */
export function printBacktraceFrom(pc: u32, ebp: u32): void {
  rawLine("  backtrace:");
  printFrame(0, pc, pc);
  printCallers(ebp, 1);
}

/**
 * Runs on the double-fault task's own stack. The task switch saved the interrupted state in the
 * main TSS; its eip and frame pointer give the backtrace of the code that faulted.
 * @linkname double_fault_report
 */
export function doubleFaultReport(): void {
  rawLine("");
  const cr2 = readCr2();
  const guard = symbolAddress("boot_stack_guard");
  const q = guardPageQuery;
  if ((cr2 >= guard && cr2 < guard + 4096) || (q !== null && q(cr2))) {
    rawWrite("KERNEL PANIC: kernel stack overflow: the guard page at ");
    writeHex32((cr2 & ~4095) >>> 0);
    rawLine(" was hit (double fault, reported on its own task)");
  } else {
    rawLine("KERNEL PANIC: double fault (kernel stack overflow?), handled on the double-fault task");
  }
  const tss = mainTssAddress();
  const eip = load32(tss + 32), esp = load32(tss + 56), ebp = load32(tss + 60);
  rawWrite("  ");
  reg("eip", eip); reg("esp", esp); reg("ebp", ebp);
  rawLine("");
  printBacktraceFrom(eip, ebp);
  halt(3);
}

/** Installs the exception handler. */
export function trapsInit(): void {
  setExceptionHandler(handleException);
}
