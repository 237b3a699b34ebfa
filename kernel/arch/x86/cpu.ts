/**
 * CPU control: stopping the machine, and the exit port QEMU (isa-debug-exit) and v86 listen on.
 */

/** The debug-exit port: QEMU exits with status (v << 1) | 1, v86 stops. */
export const EXIT_PORT: u16 = 0xf4;

let beforeHalt: (() => void) | null = null;

/** Installs a function that runs once before the machine stops (consoles flush buffered output). */
export function setBeforeHalt(hook: () => void): void {
  beforeHalt = hook;
}

/** Powers the virtual machine off with a status for the test harness; halts forever on real hardware. */
export function halt(status: u8): never {
  const hook = beforeHalt;
  beforeHalt = null; // a panic inside the hook must not run it again
  if (hook !== null) hook();
  outb(EXIT_PORT, status);
  for (;;) {
    cli();
    hlt();
  }
}

/** CPUID feature bits the kernel cares about. */
export class CpuFeatures {
  tsc = false;
  pae = false;
  nx = false;
  sysenter = false;
  pge = false;
  fxsr = false;
  vendor: u32 = 0;
}

/** Reads the CPU's feature flags. */
export function detectCpu(): CpuFeatures {
  const f = new CpuFeatures();
  const r = cpuidOut;
  cpuid(0, 0, r);
  f.vendor = r[1];
  cpuid(1, 0, r);
  const edx = r[3];
  f.tsc = (edx & (1 << 4)) !== 0;
  f.pae = (edx & (1 << 6)) !== 0;
  f.sysenter = (edx & (1 << 11)) !== 0;
  f.pge = (edx & (1 << 13)) !== 0;
  f.fxsr = (edx & (1 << 24)) !== 0;
  cpuid(0x80000000, 0, r);
  if (r[0] >= 0x80000001) {
    cpuid(0x80000001, 0, r);
    f.nx = (r[3] & (1 << 20)) !== 0;
  }
  return f;
}
const cpuidOut = new Array<u32>(4).fill(0);
