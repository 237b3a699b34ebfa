/**
 * The legacy 8259A interrupt controllers, remapped so IRQs 0–15 arrive on vectors 32–47
 * instead of colliding with CPU exceptions.
 */
const MASTER_CMD: u16 = 0x20;
const MASTER_DATA: u16 = 0x21;
const SLAVE_CMD: u16 = 0xa0;
const SLAVE_DATA: u16 = 0xa1;
const EOI: u8 = 0x20;

let mask: u16 = 0xffff;

/** Remaps both PICs to vectors 32–47 with every line masked. */
export function picInit(): void {
  outb(MASTER_CMD, 0x11); // ICW1: init, ICW4 follows
  outb(SLAVE_CMD, 0x11);
  outb(MASTER_DATA, 32); // ICW2: vector offsets
  outb(SLAVE_DATA, 40);
  outb(MASTER_DATA, 4); // ICW3: slave on IRQ2
  outb(SLAVE_DATA, 2);
  outb(MASTER_DATA, 1); // ICW4: 8086 mode
  outb(SLAVE_DATA, 1);
  mask = 0xffff & ~(1 << 2); // the cascade line stays open
  applyMask();
}

function applyMask(): void {
  outb(MASTER_DATA, u8(mask));
  outb(SLAVE_DATA, u8(mask >>> 8));
}

/** Unmasks one IRQ line. */
export function picEnable(irq: u32): void {
  mask = u16(mask & ~(1 << irq));
  applyMask();
}

/** Masks one IRQ line. */
export function picDisable(irq: u32): void {
  mask = u16(mask | (1 << irq));
  applyMask();
}

/**
 * Is this IRQ 7/15 spurious? The PIC raises them when a request vanishes before it is
 * acknowledged; the in-service register then has the bit clear and no EOI may be sent
 * (except to the master for a spurious IRQ 15).
 */
export function picIsSpurious(irq: u32): boolean {
  if (irq !== 7 && irq !== 15) return false;
  const cmd = irq === 7 ? MASTER_CMD : SLAVE_CMD;
  outb(cmd, 0x0b); // read ISR
  const isr = inb(cmd);
  if ((isr & 0x80) !== 0) return false;
  if (irq === 15) outb(MASTER_CMD, EOI);
  return true;
}

/** Acknowledges an IRQ. */
export function picEndOfInterrupt(irq: u32): void {
  if (irq >= 8) outb(SLAVE_CMD, EOI);
  outb(MASTER_CMD, EOI);
}
