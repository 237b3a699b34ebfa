/**
 * 16550 UART driver for COM1, the kernel's main console. Output is polled (the transmit
 * holding register is checked before each byte) so it works from any context, including
 * panics with interrupts off.
 */

/** I/O base of COM1. */
export const COM1: u16 = 0x3f8;
const REG_DATA: u16 = 0;
const REG_IER: u16 = 1;
const REG_FCR: u16 = 2;
const REG_LCR: u16 = 3;
const REG_MCR: u16 = 4;
const REG_LSR: u16 = 5;
const LSR_THR_EMPTY: u8 = 0x20;
const LSR_DATA_READY: u8 = 0x01;

let initialized = false;

/** Programs COM1 for 115200 baud, 8N1, FIFOs on. */
export function serialInit(): void {
  outb(COM1 + REG_IER, 0x00);
  outb(COM1 + REG_LCR, 0x80); // DLAB on: the next two registers are the divisor
  outb(COM1 + REG_DATA, 0x01); // 115200 / 1
  outb(COM1 + REG_IER, 0x00);
  outb(COM1 + REG_LCR, 0x03); // 8 bits, no parity, one stop bit
  outb(COM1 + REG_FCR, 0xc7); // FIFO on, cleared, 14-byte threshold
  outb(COM1 + REG_MCR, 0x0b); // DTR, RTS, OUT2
  initialized = true;
}

/** Writes one byte, waiting for the transmitter. */
export function serialPutByte(b: u8): void {
  if (!initialized) serialInit();
  let spins: u32 = 0;
  while ((inb(COM1 + REG_LSR) & LSR_THR_EMPTY) === 0 && spins < 100000) spins++;
  outb(COM1 + REG_DATA, b);
}

/** Writes a string, turning "\n" into "\r\n" for terminals. */
export function serialWrite(s: Fmt): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) serialPutByte(13);
    serialPutByte(u8(c));
  }
}

/** Writes `n` bytes starting at linear address `addr`. */
export function serialWriteBytes(addr: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const c = load8(addr + i);
    if (c === 10) serialPutByte(13);
    serialPutByte(c);
  }
}

/** Reads a byte if one is waiting, else returns -1. */
export function serialTryRead(): i32 {
  if ((inb(COM1 + REG_LSR) & LSR_DATA_READY) === 0) return -1;
  return inb(COM1 + REG_DATA);
}
