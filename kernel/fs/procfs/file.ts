/**
 * A generated /proc file: its inode names a generator and, for the files under /proc/<pid>,
 * the process. Like Linux's seq_file, the text is generated into a buffer owned by the open
 * file at the first read and again at every read from offset 0 (so lseek(0) and read again, or
 * pread at 0, shows fresh values), and later reads, at any offset, continue in that text; a
 * buffer too small is replaced by one twice its size and the text generated again. A
 * generator fails with -ESRCH when its process has gone, which the read returns.
 */
import { Errno } from "../../syscall/errno";
import { allocPages, freePages, Zone } from "../../mm/pmm";
import { KERNEL_BASE } from "../../arch/x86/layout";
import { PAGE_BYTES } from "../../arch/x86/paging";
import { File, FileOps, Inode, S_IFREG, SuperBlock } from "../vfs";
import { ProcText } from "./text";

/** Writes a file's text for process `pid` (0 for system-wide files): 0, or -ESRCH when the process is gone. */
export type ProcGenerator = (out: ProcText, pid: i32) => i32;

/** Largest text buffer: 2^5 pages (128 KiB, the most argument bytes exec accepts). */
const MAX_ORDER: u32 = 5;
/** The buffer starts with its text length and page order. */
const HEADER: u32 = 8;

/** The inode of a generated file (mode 0444, size 0 as on Linux). */
export class ProcFile extends Inode {
  constructor(sb: SuperBlock, ino: u32, readonly generate: ProcGenerator, readonly pid: i32) {
    super(sb, ino, S_IFREG | 0o444, procFileOps);
  }
}

/** The one writer: generation never sleeps, and system calls run one at a time. */
const writer = new ProcText();

function dropBuffer(f: File): void {
  const b = f.privateData;
  if (b === 0) return;
  f.privateData = 0;
  freePages(b - KERNEL_BASE, i32(load32(b + 4)));
}

/** Generates the file's text into its buffer, growing it as needed; 0 or -ESRCH, -ENOMEM. */
function fill(f: File, inode: ProcFile): i32 {
  let order: u32 = f.privateData === 0 ? 0 : load32(f.privateData + 4);
  for (;;) {
    if (f.privateData === 0) {
      const phys = allocPages(i32(order), Zone.Normal);
      if (phys === 0) return -Errno.ENOMEM;
      f.privateData = phys + KERNEL_BASE;
      store32(f.privateData + 4, order);
    }
    const b = f.privateData;
    writer.reset(b + HEADER, (PAGE_BYTES << order) - HEADER);
    const r = inode.generate(writer, inode.pid);
    store32(b, r < 0 ? 0 : writer.length);
    if (r < 0) return r;
    if (!writer.overflow) return 0;
    dropBuffer(f);
    if (order === MAX_ORDER) return -Errno.ENOMEM;
    order++;
  }
}

/** Reads of generated files. */
class ProcFileOps extends FileOps {
  read(f: File, buf: u32, n: u32, pos: u32, _nowait: boolean): i32 {
    if (pos === 0 || f.privateData === 0) {
      const r = fill(f, f.inode as ProcFile);
      if (r < 0) return r;
    }
    const len = load32(f.privateData);
    if (pos >= len) return 0;
    const count = n < len - pos ? n : len - pos;
    memmove(buf, f.privateData + HEADER + pos, count);
    return i32(count);
  }

  release(f: File): void {
    dropBuffer(f);
  }
}
const procFileOps = new ProcFileOps();
