/** System information: uname (struct utsname) and sysinfo (struct sysinfo of i386). */
import { Nr } from "./sys";
import { stringFromC } from "./cstring";

/** The six fields of struct utsname (65 bytes each). */
export class Utsname {
  constructor(readonly sysname: string, readonly nodename: string, readonly release: string,
    readonly version: string, readonly machine: string, readonly domainname: string) {}
}

/** The kernel's identification, or null on failure. */
export function uname(): Utsname | null {
  const buf = new Array<u8>(6 * 65).fill(0);
  const at = addressOf(buf);
  if (syscall(Nr.uname, at, 0, 0, 0, 0, 0) < 0) return null;
  return new Utsname(stringFromC(at), stringFromC(at + 65), stringFromC(at + 130), stringFromC(at + 195),
    stringFromC(at + 260), stringFromC(at + 325));
}

/** struct sysinfo of i386 (64 bytes): memory sizes are in units of `memUnit` bytes. */
/** @packed @size 64 */
export class SysInfo {
  /** @offset 0 */ uptime: i32 = 0;
  /** @offset 4 */ load1: u32 = 0;
  /** @offset 8 */ load5: u32 = 0;
  /** @offset 12 */ load15: u32 = 0;
  /** @offset 16 */ totalram: u32 = 0;
  /** @offset 20 */ freeram: u32 = 0;
  /** @offset 24 */ sharedram: u32 = 0;
  /** @offset 28 */ bufferram: u32 = 0;
  /** @offset 32 */ totalswap: u32 = 0;
  /** @offset 36 */ freeswap: u32 = 0;
  /** @offset 40 */ procs: u16 = 0;
  /** @offset 42 */ pad: u16 = 0;
  /** @offset 44 */ totalhigh: u32 = 0;
  /** @offset 48 */ freehigh: u32 = 0;
  /** @offset 52 */ memUnit: u32 = 0;
  /** @offset 56 */ reserved0: u32 = 0;
  /** @offset 60 */ reserved1: u32 = 0;
}

/** Fills `info` with the kernel's statistics; returns 0 or -errno. */
export function sysinfo(info: SysInfo): i32 {
  return syscall(Nr.sysinfo, addressOf(info), 0, 0, 0, 0, 0);
}

/** Loads in sysinfo are fixed point with this many fraction bits. */
export const SI_LOAD_SHIFT: u32 = 16;
