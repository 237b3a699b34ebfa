/**
 * 16550 UART driver for COM1, the kernel's main console.
 *
 * Until `serialEnableInterrupts` runs, everything is polled. Afterwards the UART raises IRQ 4:
 * received bytes go to the receiver (the console's input queue) or to a small RX ring, and
 * output is queued in a TX ring that the transmit-holding-register-empty interrupt drains into
 * the 16-byte FIFO. Whenever the CPU's interrupt flag is clear (interrupt handlers, panics,
 * early boot) output falls back to polling, after flushing the TX ring by hand, so a panic
 * always prints and bytes never overtake each other.
 */
import { ByteRing } from "../lib/ring";
import { picEnable } from "./pic";

/** I/O base of COM1. */
export const COM1: u16 = 0x3f8;
/** COM1's line on the legacy PIC. */
export const SERIAL_IRQ: u32 = 4;

const REG_DATA: u16 = 0;
const REG_IER: u16 = 1;
const REG_IIR: u16 = 2; // read
const REG_FCR: u16 = 2; // write
const REG_LCR: u16 = 3;
const REG_MCR: u16 = 4;
const REG_LSR: u16 = 5;
const REG_MSR: u16 = 6;

const IER_RX_DATA: u8 = 0x01;
const IER_THR_EMPTY: u8 = 0x02;
const IER_LINE_STATUS: u8 = 0x04;

const IIR_NO_INTERRUPT: u8 = 0x01;
const IIR_ID_MASK: u8 = 0x0e;
const IIR_MODEM_STATUS: u8 = 0x00;
const IIR_THR_EMPTY: u8 = 0x02;
const IIR_RX_DATA: u8 = 0x04;
const IIR_LINE_STATUS: u8 = 0x06;
const IIR_RX_TIMEOUT: u8 = 0x0c;

const MCR_NORMAL: u8 = 0x0b; // DTR, RTS, OUT2 (OUT2 gates the IRQ line on PCs)
const MCR_LOOPBACK: u8 = 0x10;

const LSR_DATA_READY: u8 = 0x01;
const LSR_THR_EMPTY: u8 = 0x20;

const FIFO_DEPTH: u32 = 16;
const EFLAGS_IF: u32 = 0x200;
/** How long a polled write waits for the transmitter before giving up on it (a missing UART). */
const POLL_SPINS: u32 = 100000;

/** A function that takes received bytes (called in interrupt context: it must not allocate). */
export type ByteReceiver = (b: u8) => void;

/** Driver state and counters. */
export class SerialState {
  initialized = false;
  /** IRQ 4 is set up: output is queued and input arrives by interrupt. */
  interruptDriven = false;
  /** The THR-empty interrupt is enabled because the TX ring has bytes. */
  transmitArmed = false;
  loopback = false;
  ier: u8 = 0;
  interrupts: u32 = 0;
  rxInterrupts: u32 = 0;
  txInterrupts: u32 = 0;
  rxBytes: u32 = 0;
  txBytesByInterrupt: u32 = 0;
  lineErrors: u32 = 0;
}
const port = new SerialState();
const txRing = new ByteRing(4096);
const rxRing = new ByteRing(256);
let receiver: ByteReceiver | null = null;

/** Programs COM1 for 115200 baud, 8N1, FIFOs on, interrupts off (polled). */
export function serialInit(): void {
  outb(COM1 + REG_IER, 0x00);
  outb(COM1 + REG_LCR, 0x80); // DLAB on: the next two registers are the divisor
  outb(COM1 + REG_DATA, 0x01); // 115200 / 1
  outb(COM1 + REG_IER, 0x00);
  outb(COM1 + REG_LCR, 0x03); // 8 bits, no parity, one stop bit
  outb(COM1 + REG_FCR, 0xc7); // FIFO on, cleared, 14-byte threshold
  outb(COM1 + REG_MCR, MCR_NORMAL);
  port.ier = 0;
  port.initialized = true;
}

/**
 * Switches to interrupt-driven operation on IRQ 4. The IRQ dispatcher must call
 * `serialInterrupt` for IRQ 4 before this runs.
 */
export function serialEnableInterrupts(): void {
  if (!port.initialized) serialInit();
  const flags = readEflags();
  cli();
  for (let i = 0; i < 64 && (inb(COM1 + REG_LSR) & LSR_DATA_READY) !== 0; i++) deliver(inb(COM1 + REG_DATA));
  port.ier = IER_RX_DATA | IER_LINE_STATUS;
  outb(COM1 + REG_IER, port.ier);
  port.interruptDriven = true;
  picEnable(SERIAL_IRQ);
  if ((flags & EFLAGS_IF) !== 0) sti();
}

/** Routes received bytes to `r` (the console input queue) instead of the serial RX ring. */
export function serialSetReceiver(r: ByteReceiver | null): void {
  receiver = r;
}

function deliver(b: u8): void {
  port.rxBytes++;
  const r = receiver;
  if (r !== null) r(b);
  else rxRing.push(b);
}

/** Waits for the transmitter and writes one byte (interrupts must be off if the TX ring is in use). */
function transmitPolled(b: u8): void {
  let spins: u32 = 0;
  while ((inb(COM1 + REG_LSR) & LSR_THR_EMPTY) === 0 && spins < POLL_SPINS) spins++;
  outb(COM1 + REG_DATA, b);
}

/** Sends everything queued in the TX ring by polling (interrupts off). */
function drainPolled(): void {
  for (;;) {
    const b = txRing.pop();
    if (b < 0) return;
    transmitPolled(u8(b));
  }
}

/** Moves queued bytes into the empty FIFO (interrupts off). */
function refillFifo(): void {
  if ((inb(COM1 + REG_LSR) & LSR_THR_EMPTY) === 0) return;
  for (let i: u32 = 0; i < FIFO_DEPTH; i++) {
    const b = txRing.pop();
    if (b < 0) break;
    outb(COM1 + REG_DATA, u8(b));
    port.txBytesByInterrupt++;
  }
}

function setTransmitArmed(on: boolean): void {
  if (port.transmitArmed === on) return;
  port.transmitArmed = on;
  port.ier = on ? u8(port.ier | IER_THR_EMPTY) : u8(port.ier & ~IER_THR_EMPTY);
  // Enabling the interrupt while the THR is already empty raises it at once.
  outb(COM1 + REG_IER, port.ier);
}

/**
 * Whether output must be polled: before interrupts are set up, and whenever the interrupt
 * flag is clear (a THR-empty interrupt might never come).
 */
function mustPoll(eflags: u32): boolean {
  return !port.interruptDriven || (eflags & EFLAGS_IF) === 0;
}

/** Queues one byte for the interrupt handler (interrupts off). */
function enqueue(b: u8): void {
  if (txRing.isFull()) {
    // Output outruns the line: send one FIFO's worth by hand rather than drop bytes.
    for (let i: u32 = 0; i < FIFO_DEPTH && !txRing.isEmpty(); i++) transmitPolled(u8(txRing.pop()));
  }
  txRing.push(b);
}

/** Starts a write: returns true when the bytes are to be queued (interrupts are then off). */
function beginWrite(): boolean {
  if (!port.initialized) serialInit();
  if (mustPoll(readEflags())) {
    drainPolled(); // keep the order: what was queued goes first
    return false;
  }
  cli();
  return true;
}

function put(b: u8, queued: boolean): void {
  if (queued) enqueue(b);
  else transmitPolled(b);
}

/** Ends a write started by `beginWrite`. */
function endWrite(queued: boolean): void {
  if (!queued) return;
  setTransmitArmed(true);
  sti();
}

/** Writes one byte: queued when interrupt-driven and interrupts are on, else polled. */
export function serialPutByte(b: u8): void {
  const queued = beginWrite();
  put(b, queued);
  endWrite(queued);
}

/** Writes a string, turning "\n" into "\r\n" for terminals. */
export function serialWrite(s: Fmt): void {
  const queued = beginWrite();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) put(13, queued);
    put(u8(c), queued);
  }
  endWrite(queued);
}

/** Writes `n` bytes starting at linear address `addr`, turning "\n" into "\r\n". */
export function serialWriteBytes(addr: usize, n: u32): void {
  const queued = beginWrite();
  for (let i: u32 = 0; i < n; i++) {
    const c = load8(addr + i);
    if (c === 10) put(13, queued);
    put(c, queued);
  }
  endWrite(queued);
}

/** Sends everything still queued, by polling; used before the machine stops. */
export function serialFlush(): void {
  const flags = readEflags();
  cli();
  drainPolled();
  if ((flags & EFLAGS_IF) !== 0) sti();
}

/** Bytes queued for transmission. */
export function serialPendingOutput(): u32 {
  return txRing.length;
}

/**
 * Reads a byte if one is waiting, else returns -1. Interrupt-driven, this returns bytes that
 * no receiver took; polled, it reads the UART directly.
 */
export function serialTryRead(): i32 {
  const b = rxRing.pop();
  if (b >= 0 || port.interruptDriven) return b;
  if ((inb(COM1 + REG_LSR) & LSR_DATA_READY) === 0) return -1;
  return inb(COM1 + REG_DATA);
}

/**
 * Turns the UART's internal loopback (MCR bit 4) on or off: transmitted bytes come back as
 * received bytes instead of leaving the machine. Used by tests of the interrupt path.
 */
export function serialSetLoopback(on: boolean): void {
  // Let the transmitter finish (THR and shift register empty, LSR bit 6) before the loop
  // closes, or the last byte of earlier output comes back as input.
  let spins: u32 = 0;
  while ((inb(COM1 + REG_LSR) & 0x40) === 0 && spins < 1000000) spins++;
  port.loopback = on;
  outb(COM1 + REG_MCR, on ? MCR_NORMAL | MCR_LOOPBACK : MCR_NORMAL);
}

/** The driver's state and interrupt counters. */
export function serialState(): SerialState {
  return port;
}

/** The IRQ 4 handler: serves every pending UART condition until the IIR reports none. */
export function serialInterrupt(): void {
  port.interrupts++;
  for (let round = 0; round < 32; round++) {
    const iir = inb(COM1 + REG_IIR);
    if ((iir & IIR_NO_INTERRUPT) !== 0) return;
    const id = iir & IIR_ID_MASK;
    if (id === IIR_RX_DATA || id === IIR_RX_TIMEOUT) {
      port.rxInterrupts++;
      for (let i = 0; i < 64 && (inb(COM1 + REG_LSR) & LSR_DATA_READY) !== 0; i++) deliver(inb(COM1 + REG_DATA));
    } else if (id === IIR_THR_EMPTY) {
      port.txInterrupts++;
      if (txRing.isEmpty()) setTransmitArmed(false);
      else refillFifo();
    } else if (id === IIR_LINE_STATUS) {
      port.lineErrors++;
      inb(COM1 + REG_LSR);
    } else if (id === IIR_MODEM_STATUS) {
      inb(COM1 + REG_MSR);
    } else {
      return; // not a 16550 answer: nothing more to do
    }
  }
}
