/**
 * The Interrupt Descriptor Table and the dispatcher the exception and IRQ entry stubs call: CPU
 * exceptions go to the trap handlers, hardware IRQs to the registered IRQ handlers.
 */
import { KERNEL_CS, DOUBLE_FAULT_TSS_SELECTOR } from "./gdt";
import { TrapFrame } from "./trapframe";

/** The `int 0x80` system-call vector (Linux i386 ABI). */
export const SYSCALL_VECTOR: u32 = 0x80;
/** First vector of the remapped legacy PIC IRQs. */
export const IRQ_BASE: u32 = 32;
const IRQ_COUNT: u32 = 16;
const GATE_INTERRUPT: u8 = 0x8e;
const GATE_INTERRUPT_USER: u8 = 0xee;
/** A trap gate reachable from ring 3: unlike an interrupt gate it leaves IF as it was. */
const GATE_TRAP_USER: u8 = 0xef;
const GATE_TASK: u8 = 0x85;

const idt = new Array<u64>(256).fill(0n);
const idtr = new Array<u16>(4).fill(0);

/** An exception handler: returns true when it handled the exception (the CPU resumes). */
export type ExceptionHandler = (frame: TrapFrame) => boolean;
/** An IRQ handler. */
export type IrqHandler = (irq: u32, frame: TrapFrame) => void;

let exceptionHandler: ExceptionHandler | null = null;
let irqHandler: IrqHandler | null = null;

/** Encodes an interrupt or trap gate. */
function gate(offset: u32, selector: u16, typeAttr: u8): u64 {
  return BigInt(offset & 0xffff) | (BigInt(selector) << 16n) | (BigInt(typeAttr) << 40n) | (BigInt(offset >>> 16) << 48n);
}

/** Fills and loads the IDT. Breakpoint (3) is reachable from ring 3; double fault (8) is a task gate. */
export function idtInit(): void {
  const stubs = symbolAddress("isr_stub_table");
  for (let v: u32 = 0; v < IRQ_BASE + IRQ_COUNT; v++) {
    const handler = load32(stubs + v * 4);
    idt[v] = gate(handler, KERNEL_CS, v === 3 ? GATE_INTERRUPT_USER : GATE_INTERRUPT);
  }
  idt[8] = gate(0, DOUBLE_FAULT_TSS_SELECTOR, GATE_TASK);
  // System calls run with interrupts on: entering through a trap gate spares the entry an sti.
  idt[SYSCALL_VECTOR] = gate(symbolAddress("isr128"), KERNEL_CS, GATE_TRAP_USER);
  const base = addressOf(idt);
  idtr[0] = u16(idt.length * 8 - 1);
  idtr[1] = u16(base);
  idtr[2] = u16(base >>> 16);
  lidt(addressOf(idtr));
}

/** Installs the handler for CPU exceptions (vectors 0–31). */
export function setExceptionHandler(h: ExceptionHandler): void {
  exceptionHandler = h;
}

/** Installs the handler for hardware IRQs (vectors 32–47). */
export function setIrqHandler(h: IrqHandler): void {
  irqHandler = h;
}

/** Runs as an interrupt or exception returns (the scheduler's preemption point). */
export type ReturnHook = (frame: TrapFrame) => void;
let returnHook: ReturnHook | null = null;

/** Installs the hook that runs before returning from interrupts and exceptions. */
export function setReturnHook(h: ReturnHook): void {
  returnHook = h;
}

/**
 * Called by isr.S for every exception and IRQ vector (`int 0x80` and sysenter enter the
 * system-call dispatcher directly: syscall_entry in kernel/syscall/dispatch.ts).
 * @linkname isr_dispatch
 */
export function isrDispatch(frame: TrapFrame): void {
  const v = frame.vector;
  if (v < IRQ_BASE) {
    const h = exceptionHandler;
    if (h === null || !h(frame)) panic("unhandled exception with no handler installed");
  } else {
    const ih = irqHandler;
    if (ih !== null) ih(v - IRQ_BASE, frame);
  }
  const r = returnHook;
  if (r !== null) r(frame);
}
