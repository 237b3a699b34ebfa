/**
 * The fast system-call path: the SYSENTER MSRs and the vsyscall page, a page of user code
 * (`__kernel_vsyscall`, from switch.S) mapped into every process and announced to programs as
 * AT_SYSINFO, through which glibc and the ostc runtime make their system calls.
 */
import { KERNEL_CS, mainTssAddress } from "./gdt";

const MSR_SYSENTER_CS: u32 = 0x174;
const MSR_SYSENTER_ESP: u32 = 0x175;
const MSR_SYSENTER_EIP: u32 = 0x176;
/** Where the vsyscall page appears in every process: the last user page. */
export const VSYSCALL_ADDRESS: u32 = 0xbffff000;

let active = false;

/**
 * Programs the MSRs (SYSENTER_ESP points at the TSS, whose esp0 the entry code loads) and fills
 * `pageVirt` (a kernel mapping of the page that will be shared) with the vsyscall code.
 */
export function sysenterInit(hasSysenter: boolean, pageVirt: u32): boolean {
  const start = symbolAddress("vsyscall_code_start");
  const len = symbolAddress("vsyscall_code_end") - start;
  memset(pageVirt, 0xcc, 4096); // int3 filler
  memmove(pageVirt, start, len);
  store32(symbolAddress("vsyscall_return_address"), VSYSCALL_ADDRESS + symbolAddress("vsyscall_return_offset"));
  if (!hasSysenter) {
    // Without sysenter the page still works: it falls back to int 0x80.
    store8(pageVirt + 5, 0xcd); // the `sysenter` (0f 34) becomes `int $0x80` (cd 80)
    store8(pageVirt + 6, 0x80);
    store8(pageVirt + 7, 0x66); // and the restart point's `int $0x80` a 2-byte nop (66 90):
    store8(pageVirt + 8, 0x90); // a restart moves eip back onto the first one
    return false;
  }
  wrmsr(MSR_SYSENTER_CS, BigInt(KERNEL_CS));
  wrmsr(MSR_SYSENTER_ESP, BigInt(mainTssAddress()));
  wrmsr(MSR_SYSENTER_EIP, BigInt(symbolAddress("sysenter_entry")));
  active = true;
  return true;
}

/** User address of the signal-return trampoline (rt_sigreturn when `rt`, else sigreturn). */
export function vsyscallSigreturn(rt: boolean): u32 {
  return VSYSCALL_ADDRESS + (rt ? symbolAddress("vsyscall_rt_sigreturn_offset") : symbolAddress("vsyscall_sigreturn_offset"));
}

/** Is the sysenter path in use? */
export function sysenterActive(): boolean {
  return active;
}

/** System calls that came in through sysenter. */
export function sysenterEntries(): u32 {
  return load32(symbolAddress("sysenter_entries"));
}
