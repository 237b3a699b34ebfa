/**
 * /proc/<pid>/maps: one line per region of the process's address space, in address order, in
 * the format of Linux's show_map_vma (fs/proc/task_mmu.c):
 *
 *   08048000-080d4000 r-xp 00000000 00:0f 12                 /bin/busybox
 *
 * start and end (at least 8 hex digits), permissions (r, w, x, then s for shared or p for
 * private), the file offset of the first page (at least 8 hex digits), the device as major:minor
 * (at least 2 hex digits each, split as stat's st_dev encodes them) and the inode in decimal,
 * each followed by a space; then, for a region with a name, spaces up to column 48 (Linux pads
 * to 25 + 6 × its pointer size - 1, so 48 on i386 and 72 on x86-64), one more, and the name.
 *
 * Names follow Linux's rules: a file mapping or the executable's image names its file (with
 * " (deleted)" once unlinked), shared anonymous memory is "/dev/zero (deleted)" on device 00:01
 * (Linux backs it with an unlinked shmem file of that name), the vsyscall page is "[vdso]", an
 * anonymous region overlapping the program break's range is "[heap]" and the one holding the
 * initial stack pointer "[stack]"; other anonymous memory has no name. Regions are as the
 * address space keeps them: neighbours that continue each other have been merged, as Linux
 * merges VMAs.
 */
import { AddressSpace, Prot, Region } from "../../mm/aspace";
import { SharedMemory } from "../../mm/shared";
import { NamedFile } from "../mapname";
import { putDentryPath } from "./dpath";
import { ProcText } from "./text";

/** Where Linux's seq_pad pads a line to before a name: 25 + 6 × sizeof(void *) - 1 on i386. */
const NAME_COLUMN: u32 = 25 + 6 * 4 - 1;
/** The device of Linux's internal shmem mount, which backs shared anonymous memory (00:01). */
const SHMEM_DEV: u32 = 1;

/** The major number of an st_dev as stat encodes it (new_encode_dev). */
function devMajor(dev: u32): u32 {
  return (dev >>> 8) & 0xfff;
}

/** The minor number of an st_dev as stat encodes it. */
function devMinor(dev: u32): u32 {
  return (dev & 0xff) | ((dev >>> 12) & 0xfff00);
}

/** Pads the line begun at `lineStart` to the name column, then one space (seq_pad). */
function padToName(out: ProcText, lineStart: u32): void {
  for (let used = out.length - lineStart; used < NAME_COLUMN; used++) out.byte(32);
  out.byte(32);
}

/** Linux's vma_is_initial_heap: overlaps the range the program break has grown over. */
function isInitialHeap(space: AddressSpace, r: Region): boolean {
  return r.start < space.brk && r.end > space.brkStart;
}

/** Linux's vma_is_initial_stack: holds the initial stack pointer. */
function isInitialStack(space: AddressSpace, r: Region): boolean {
  return r.start <= space.startStack && r.end >= space.startStack;
}

/** One line of maps for region `r`. */
function putRegion(out: ProcText, space: AddressSpace, r: Region): void {
  const lineStart = out.length;
  out.hexAtLeast(u64(r.start), 8);
  out.byte(45); // -
  out.hexAtLeast(u64(r.end), 8);
  out.byte(32);
  out.byte((r.prot & Prot.Read) !== 0 ? 114 : 45); // r
  out.byte((r.prot & Prot.Write) !== 0 ? 119 : 45); // w
  out.byte((r.prot & Prot.Exec) !== 0 ? 120 : 45); // x
  out.byte(r.shared ? 115 : 112); // s or p
  const file = r.file;
  const o = r.object;
  let dev: u32 = 0;
  let ino: u32 = 0;
  let offset: u64 = 0n;
  let sharedAnon = false;
  if (file !== null) {
    dev = file.device();
    ino = file.inode();
    offset = u64(r.offset) << 12n;
  } else if (o !== null && o instanceof SharedMemory) {
    sharedAnon = true;
    dev = SHMEM_DEV;
    ino = (o as SharedMemory).serial;
    offset = u64(r.offset) << 12n;
  }
  out.byte(32);
  out.hexAtLeast(offset, 8);
  out.byte(32);
  out.hexAtLeast(u64(devMajor(dev)), 2);
  out.byte(58); // :
  out.hexAtLeast(u64(devMinor(dev)), 2);
  out.byte(32);
  out.decimal(u64(ino), 0, false);
  out.byte(32);
  if (file !== null && file instanceof NamedFile) {
    padToName(out, lineStart);
    putDentryPath(out, (file as NamedFile).dentry, true);
  } else if (sharedAnon) {
    padToName(out, lineStart);
    out.text("/dev/zero (deleted)");
  } else if (file === null && r.name === "vsyscall") {
    padToName(out, lineStart);
    out.text("[vdso]");
  } else if (file === null && isInitialHeap(space, r)) {
    padToName(out, lineStart);
    out.text("[heap]");
  } else if (file === null && isInitialStack(space, r)) {
    padToName(out, lineStart);
    out.text("[stack]");
  }
  out.byte(10);
}

/** The lines of maps for every region of `space`, in address order. */
export function putMaps(out: ProcText, space: AddressSpace): void {
  for (const r of space.regions) putRegion(out, space, r);
}
