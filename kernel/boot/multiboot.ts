/**
 * The multiboot v1 information the loader hands over: command line, memory map and modules.
 * Everything is copied out and validated before use; a malformed map is reported, never trusted.
 */

/** The magic value in EAX from a multiboot v1 loader. */
export const MULTIBOOT_MAGIC: u32 = 0x2badb002;
import { BOOT_MAP_BYTES } from "../arch/x86/layout";

const FLAG_MEM: u32 = 1 << 0;
const FLAG_CMDLINE: u32 = 1 << 2;
const FLAG_MODS: u32 = 1 << 3;
const FLAG_MMAP: u32 = 1 << 6;

/** One memory-map entry, clipped to 32-bit physical addresses. */
export class MemoryRegion {
  constructor(public base: u64, public length: u64, public type: u32) {}
}

/** A module (the initramfs) passed by the loader. */
export class BootModule {
  constructor(public start: u32, public end: u32) {}
}

/** What the kernel learned from the loader. */
export class BootInfo {
  cmdline = "";
  regions: MemoryRegion[] = [];
  modules: BootModule[] = [];
  /** Problems found in the map (overlaps, zero lengths, entries above 4 GiB…), for the boot log. */
  anomalies: u32 = 0;
  /** The info block itself lay outside the boot map and was ignored. */
  infoUnreachable = false;
  infoPhys: u32 = 0;
}

/** Is physical range [addr, addr+len) reachable through the boot direct map? */
function reachable(addr: u32, len: u32): boolean {
  return addr < BOOT_MAP_BYTES && len <= BOOT_MAP_BYTES - addr;
}

function readCString(phys: u32, max: u32, base: u32): string {
  let s = "";
  for (let i: u32 = 0; i < max; i++) {
    if (!reachable(phys + i, 1)) break;
    const c = load8(phys + i + base);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * Parses the multiboot information at physical address `infoPhys`, reading physical memory at
 * `base + phys` (the kernel's direct map; hosted tests pass 0).
 */
export function parseMultiboot(infoPhys: u32, base: u32): BootInfo {
  const bi = new BootInfo();
  bi.infoPhys = infoPhys;
  if (!reachable(infoPhys, 88)) {
    bi.infoUnreachable = true;
    return bi;
  }
  const info = infoPhys + base;
  const flags = load32(info);
  if ((flags & FLAG_CMDLINE) !== 0) bi.cmdline = readCString(load32(info + 16), 4096, base);
  if ((flags & FLAG_MODS) !== 0) {
    const count = load32(info + 20);
    const addr = load32(info + 24);
    for (let i: u32 = 0; i < count && i < 16; i++) {
      const m = addr + i * 16;
      if (!reachable(m, 16)) { bi.anomalies++; break; }
      const start = load32(m + base), end = load32(m + 4 + base);
      if (end < start) { bi.anomalies++; continue; }
      bi.modules.push(new BootModule(start, end));
    }
  }
  if ((flags & FLAG_MMAP) !== 0) {
    const len = load32(info + 44);
    const addr = load32(info + 48);
    let off: u32 = 0;
    while (off + 24 <= len && bi.regions.length < 128) {
      const e = addr + off;
      if (!reachable(e, 24)) { bi.anomalies++; break; }
      const size = load32(e + base);
      const start = load64(e + 4 + base);
      const length = load64(e + 12 + base);
      const type = load32(e + 20 + base);
      if (size < 20) { bi.anomalies++; break; }
      off += size + 4;
      if (length === 0n) { bi.anomalies++; continue; }
      if (start >= 0x100000000n) { bi.anomalies++; continue; }
      const end = start + length > 0x100000000n ? 0x100000000n : start + length;
      bi.regions.push(new MemoryRegion(start, end - start, type));
    }
  } else if ((flags & FLAG_MEM) !== 0) {
    // No map: fall back to mem_upper (KiB above 1 MiB).
    const upper = load32(info + 8);
    bi.regions.push(new MemoryRegion(0x100000n, BigInt(upper) * 1024n, 1));
  }
  return bi;
}

/** Index of the first argument: loaders put the kernel's path first. */
function firstArg(words: string[]): i32 {
  return words.length > 0 && words[0].includes("/") ? 1 : 0;
}

/** The word that ends the kernel's own parameters; the words after it are arguments for init (as on Linux). */
const INIT_ARGS_MARK = "--";

/** Index just past the kernel's own parameters: the `--` word, or the end of the line. */
function kernelArgsEnd(words: string[]): i32 {
  const i = words.indexOf(INIT_ARGS_MARK);
  return i < 0 ? words.length : i;
}

/** The value of `key=` on the command line, or null. The loader's first word (the kernel path) is skipped. */
export function cmdlineValue(cmdline: string, key: string): string | null {
  const words = cmdline.split(" ");
  const end = kernelArgsEnd(words);
  for (let i = firstArg(words); i < end; i++) {
    const w = words[i];
    if (w.startsWith(key + "=")) return w.slice(key.length + 1);
  }
  return null;
}

/** Is the bare word `flag` on the command line (after the kernel path, before `--`)? */
export function cmdlineHas(cmdline: string, flag: string): boolean {
  const words = cmdline.split(" ");
  const end = kernelArgsEnd(words);
  for (let i = firstArg(words); i < end; i++) if (words[i] === flag) return true;
  return false;
}

/** The non-empty words after `--`: extra arguments for the first process (`init=/bin/prog -- a b`). */
export function cmdlineInitArgs(cmdline: string): string[] {
  const words = cmdline.split(" ");
  const args: string[] = [];
  for (let i = kernelArgsEnd(words) + 1; i < words.length; i++) if (words[i].length > 0) args.push(words[i]);
  return args;
}
