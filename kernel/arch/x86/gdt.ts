/**
 * The Global Descriptor Table: flat kernel and user segments, the main TSS (ring-0 stack for
 * interrupts from user mode) and a second TSS for the double-fault task.
 */

/** Segment selectors. */
export const KERNEL_CS: u16 = 0x08;
export const KERNEL_DS: u16 = 0x10;
export const USER_CS: u16 = 0x1b;
export const USER_DS: u16 = 0x23;
export const TSS_SELECTOR: u16 = 0x28;
export const DOUBLE_FAULT_TSS_SELECTOR: u16 = 0x30;

const TSS_BYTES: u32 = 104;
/** First GDT entry of the thread-local-storage slots (set_thread_area), and how many there are. */
export const GDT_ENTRY_TLS_MIN: i32 = 7;
export const GDT_ENTRY_TLS_COUNT: i32 = 3;
const gdt = new Array<u64>(GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_COUNT).fill(0n);
const gdtr = new Array<u16>(4).fill(0);
/** The main task-state segment: esp0/ss0 give the kernel stack for entries from ring 3. */
const tss = new Array<u32>(26).fill(0);
const doubleFaultTss = new Array<u32>(26).fill(0);
/** @align 16 */
const doubleFaultStack = new Array<u32>(2048).fill(0);

/** @linkname gdt_reload_segments */
declare function gdtReloadSegments(): void;

/** Encodes a segment descriptor. */
export function segmentDescriptor(base: u32, limit: u32, access: u8, flags: u8): u64 {
  let d: u64 = BigInt(limit & 0xffff);
  d |= BigInt(base & 0xffffff) << 16n;
  d |= BigInt(access) << 40n;
  d |= BigInt((limit >>> 16) & 0xf) << 48n;
  d |= BigInt(flags & 0xf) << 52n;
  d |= BigInt((base >>> 24) & 0xff) << 56n;
  return d;
}

/** Loads the GDT and TSS; called once at boot. */
export function gdtInit(): void {
  gdt[0] = 0n;
  gdt[1] = segmentDescriptor(0, 0xfffff, 0x9a, 0xc); // kernel code
  gdt[2] = segmentDescriptor(0, 0xfffff, 0x92, 0xc); // kernel data
  gdt[3] = segmentDescriptor(0, 0xfffff, 0xfa, 0xc); // user code
  gdt[4] = segmentDescriptor(0, 0xfffff, 0xf2, 0xc); // user data
  store32(addressOf(tss) + 8, KERNEL_DS); // ss0
  store16(addressOf(tss) + 102, u16(TSS_BYTES)); // no I/O bitmap
  gdt[5] = segmentDescriptor(addressOf(tss), TSS_BYTES - 1, 0x89, 0);
  setupDoubleFaultTask();
  gdt[6] = segmentDescriptor(addressOf(doubleFaultTss), TSS_BYTES - 1, 0x89, 0);
  const base = addressOf(gdt);
  gdtr[0] = u16(gdt.length * 8 - 1);
  gdtr[1] = u16(base);
  gdtr[2] = u16(base >>> 16);
  lgdt(addressOf(gdtr));
  gdtReloadSegments();
  ltr(TSS_SELECTOR);
}

function setupDoubleFaultTask(): void {
  const t = addressOf(doubleFaultTss);
  const stackTop = addressOf(doubleFaultStack) + u32(doubleFaultStack.length) * 4;
  store32(t + 28, readCr3()); // cr3
  store32(t + 32, symbolAddress("double_fault_task_entry")); // eip
  store32(t + 36, 0x2); // eflags: interrupts off
  store32(t + 56, stackTop); // esp
  store32(t + 72, KERNEL_DS); // es
  store32(t + 76, KERNEL_CS); // cs
  store32(t + 80, KERNEL_DS); // ss
  store32(t + 84, KERNEL_DS); // ds
  store32(t + 88, KERNEL_DS); // fs
  store32(t + 92, KERNEL_DS); // gs
  store16(t + 102, u16(TSS_BYTES));
}

/** Installs the current task's TLS descriptors (GDT_ENTRY_TLS_MIN…); the next load of a selector picks them up. */
export function loadTlsDescriptors(a: u64, b: u64, c: u64): void {
  gdt[GDT_ENTRY_TLS_MIN] = a;
  gdt[GDT_ENTRY_TLS_MIN + 1] = b;
  gdt[GDT_ENTRY_TLS_MIN + 2] = c;
  tlsSegmentsInvalidate();
}

/** @linkname tls_segments_invalidate */
declare function tlsSegmentsInvalidate(): void;

/** Points the double-fault task at the kernel's page tables (after paging is set up). */
export function setDoubleFaultCr3(cr3: u32): void {
  store32(addressOf(doubleFaultTss) + 28, cr3);
}

/**
 * The main TSS. When the double-fault task gate switches away, the CPU saves the interrupted
 * state here (eip at +32, esp at +56, ebp at +60) for the double-fault report.
 */
export function mainTssAddress(): usize {
  return addressOf(tss);
}

/** Sets the kernel stack used when an interrupt arrives in user mode. */
export function setKernelStack(esp0: u32): void {
  store32(addressOf(tss) + 4, esp0);
}
