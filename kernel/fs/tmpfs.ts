/**
 * tmpfs: files in memory. A file's data lives in whole pages taken from the buddy allocator on
 * first write (holes read as zeros); files unpacked from the initramfs keep pointing at the
 * archive until they are first written ("backing"), so executables cost no copy at boot and
 * exec maps them straight from the archive. Data pages are counted (mm/pageref.ts) like user
 * pages, because mmap maps them: a page leaves the file on truncate or removal but lives on
 * while a mapping still holds it.
 */
import { Errno } from "../syscall/errno";
import { allocPages, Zone } from "../mm/pmm";
import { pageGet, pagePut } from "../mm/pageref";
import { MemoryObject, PAGE_PAST_END } from "../mm/memobject";
import { KERNEL_BASE } from "../arch/x86/layout";
import { PAGE_BYTES } from "../arch/x86/paging";
import { Dentry, File, FileOps, Inode, MAX_FILE_BYTES, S_IFREG, SuperBlock, createFile, makeDirectory, walk, S_IFMT, S_IFDIR, S_IFLNK } from "./vfs";
import { makeSymlink } from "./links";
import { Initramfs } from "./initramfs";
import { vmalloc, vfree } from "../mm/vmm";
import { warn } from "../lib/printk";

/** Pages all tmpfs files own (Linux's Shmem: /proc/meminfo shows them). */
let pagesInUse: u32 = 0;

/** Pages all tmpfs files own, across every tmpfs instance. */
export function tmpfsPagesInUse(): u32 {
  return pagesInUse;
}

/** Lets go of a file page: it returns to the buddy allocator unless a mapping still holds it. */
function releasePage(p: u32): void {
  pagePut(p - KERNEL_BASE);
  pagesInUse--;
}

/** A regular tmpfs file. */
export class TmpfsFile extends Inode {
  /** Kernel addresses of the data pages, by page index (0: a hole). */
  pages: u32[] = [];
  /** Read-only bytes the file still shares with the initramfs (0 once it owns pages). */
  backing: u32 = 0;
  /** A contiguous copy of the data for exec (vmalloc), dropped when the file changes. */
  private flat: u32 = 0;
  /** Shared mappings of the file: writes through them change the data without a write(2). */
  sharedMappings: u32 = 0;

  /** The whole file as one run of kernel memory (for the ELF loader); 0 when out of memory. */
  contiguous(): u32 {
    if (this.backing !== 0) return this.backing;
    if (this.sharedMappings > 0) this.dropFlat(); // the copy may be stale
    if (this.flat === 0 && this.size > 0) {
      const v = vmalloc(this.size);
      if (v === 0) return 0;
      this.readAt(0, v, this.size);
      this.flat = v;
    }
    return this.flat;
  }

  /** Forgets the exec copy before the data changes. */
  private dropFlat(): void {
    if (this.flat !== 0) vfree(this.flat);
    this.flat = 0;
  }

  /** Where page `i` lives, allocating it (zeroed) when `create`; 0 if absent or out of memory. */
  page(i: u32, create: boolean): u32 {
    while (create && u32(this.pages.length) <= i) this.pages.push(0);
    if (i >= u32(this.pages.length)) return 0;
    let p = this.pages[i];
    if (p === 0 && create) {
      const phys = allocPages(0, Zone.Normal);
      if (phys === 0) return 0;
      p = phys + KERNEL_BASE;
      memset(p, 0, PAGE_BYTES);
      pageGet(phys); // the file's own reference
      this.pages[i] = p;
      pagesInUse++;
    }
    return p;
  }

  /**
   * The physical address of data page `i` for a mapping (a hole gets a zeroed page), PAGE_PAST_END
   * past the end of the file, 0 when out of memory. A file still backed by the archive takes
   * pages of its own first.
   */
  pageForMapping(i: u32): u32 {
    if (i >= (this.size + PAGE_BYTES - 1) >>> 12) return PAGE_PAST_END;
    if (!this.ownData()) return 0;
    const p = this.page(i, true);
    return p === 0 ? 0 : p - KERNEL_BASE;
  }

  /** Copies the archive bytes into owned pages before the first change; false when out of memory. */
  private ownData(): boolean {
    const src = this.backing;
    if (src === 0) return true;
    for (let off: u32 = 0; off < this.size; off += PAGE_BYTES) {
      const p = this.page(off >>> 12, true);
      if (p === 0) return false;
      const n = this.size - off < PAGE_BYTES ? this.size - off : PAGE_BYTES;
      memmove(p, src + off, n);
    }
    this.backing = 0;
    return true;
  }

  /** Copies up to `n` bytes at `pos` into `buf`; bytes copied. */
  readAt(pos: u32, buf: u32, n: u32): u32 {
    if (pos >= this.size) return 0;
    const count = n < this.size - pos ? n : this.size - pos;
    if (this.backing !== 0) {
      memmove(buf, this.backing + pos, count);
      return count;
    }
    let done: u32 = 0;
    while (done < count) {
      const off = pos + done;
      const inPage = off & (PAGE_BYTES - 1);
      const chunk = count - done < PAGE_BYTES - inPage ? count - done : PAGE_BYTES - inPage;
      const p = this.page(off >>> 12, false);
      if (p === 0) memset(buf + done, 0, chunk);
      else memmove(buf + done, p + inPage, chunk);
      done += chunk;
    }
    return count;
  }

  /**
   * Copies up to `n` bytes from `buf` to `pos`, growing the file; bytes written or -ENOSPC, or
   * -EFBIG at or past the largest size (a write that would cross it stops there, as Linux's
   * generic_write_check_limits cuts it).
   */
  writeAt(pos: u32, buf: u32, count: u32): i32 {
    if (count === 0) return 0;
    if (pos >= MAX_FILE_BYTES) return -Errno.EFBIG;
    const n = count < MAX_FILE_BYTES - pos ? count : MAX_FILE_BYTES - pos;
    if (!this.ownData()) return -Errno.ENOSPC;
    this.dropFlat();
    let done: u32 = 0;
    while (done < n) {
      const off = pos + done;
      const inPage = off & (PAGE_BYTES - 1);
      const chunk = n - done < PAGE_BYTES - inPage ? n - done : PAGE_BYTES - inPage;
      const p = this.page(off >>> 12, true);
      if (p === 0) break;
      memmove(p + inPage, buf + done, chunk);
      done += chunk;
    }
    if (pos + done > this.size) this.size = pos + done;
    return done > 0 ? i32(done) : -Errno.ENOSPC;
  }

  truncate(size: u32): i32 {
    if (size > MAX_FILE_BYTES) return -Errno.EFBIG;
    if (!this.ownData()) return -Errno.ENOSPC;
    this.dropFlat();
    if (size < this.size) {
      const keep = (size + PAGE_BYTES - 1) >>> 12;
      while (u32(this.pages.length) > keep) {
        const p = this.pages[this.pages.length - 1];
        this.pages.pop();
        if (p !== 0) releasePage(p);
      }
      // Bytes past the new end inside the last kept page must read as zeros if the file regrows.
      const tail = size & (PAGE_BYTES - 1);
      if (tail !== 0) {
        const p = this.page(size >>> 12, false);
        if (p !== 0) memset(p + tail, 0, PAGE_BYTES - tail);
      }
    }
    this.size = size;
    return 0;
  }

  evict(): void {
    this.dropFlat();
    for (const p of this.pages) if (p !== 0) releasePage(p);
    this.pages = [];
    this.backing = 0;
    this.size = 0;
  }

  /** Pages the file owns. */
  get pageCount(): u32 {
    let n: u32 = 0;
    for (const p of this.pages) if (p !== 0) n++;
    return n;
  }
}

/**
 * A mapping's view of a tmpfs file (mm/memobject.ts): the file's own pages, so a shared mapping
 * writes the file and a private one sees it until it copies a page. It keeps the inode alive,
 * as an open file does, until the last region lets go.
 */
class TmpfsMapping extends MemoryObject {
  constructor(readonly file: TmpfsFile, readonly shared: boolean) {
    super();
    file.opens++;
    if (shared) file.sharedMappings++;
  }

  pageAt(index: u32): u32 {
    return this.file.pageForMapping(index);
  }

  pageLimit(): u32 {
    return (this.file.size + PAGE_BYTES - 1) >>> 12;
  }

  release(): void {
    const f = this.file;
    if (this.shared) f.sharedMappings--;
    f.opens--;
    f.maybeEvict();
  }
}

/** File operations of regular tmpfs files. */
class TmpfsFileOps extends FileOps {
  mapObject(f: File, shared: boolean): MemoryObject | null {
    return new TmpfsMapping(f.inode as TmpfsFile, shared);
  }

  read(f: File, buf: u32, n: u32, pos: u32, _nowait: boolean): i32 {
    return i32((f.inode as TmpfsFile).readAt(pos, buf, n));
  }

  write(f: File, buf: u32, n: u32, pos: u32, _nowait: boolean): i32 {
    return (f.inode as TmpfsFile).writeAt(pos, buf, n);
  }
}
const tmpfsFileOps = new TmpfsFileOps();

/** A tmpfs instance. */
export class Tmpfs extends SuperBlock {
  createRegular(mode: u32): Inode | null {
    return new TmpfsFile(this, this.allocIno(), S_IFREG | (mode & 0o7777), tmpfsFileOps);
  }
}

/** Creates the directories of `path` that are missing (like mkdir -p); false on a clash with a file. */
function makeParents(root: Dentry, path: string): boolean {
  let i = path.indexOf("/");
  while (i > 0) {
    const r = makeDirectory(root, path.slice(0, i), 0o755);
    if (r !== 0 && r !== -Errno.EEXIST) return false;
    i = path.indexOf("/", i + 1);
  }
  return true;
}

/**
 * Unpacks the initramfs into the tree at `root`: directories with their modes, regular files
 * backed by the archive. Other entry types are skipped with a warning. Returns the files added.
 */
export function populateFromInitramfs(root: Dentry, archive: Initramfs): i32 {
  let added = 0;
  for (const f of archive.files) {
    if (f.name === "" || f.name === ".") continue;
    if (!makeParents(root, f.name)) { warn(`initramfs: cannot create the directories of ${f.name}`); continue; }
    const type = f.mode & S_IFMT;
    if (type === S_IFDIR) {
      const r = makeDirectory(root, f.name, f.mode & 0o7777);
      if (r !== 0 && r !== -Errno.EEXIST) warn(`initramfs: mkdir ${f.name}: error ${r}`);
      continue;
    }
    if (type === S_IFLNK) {
      let target = "";
      for (let i: u32 = 0; i < f.size; i++) target += String.fromCharCode(load8(f.data + i));
      const r = makeSymlink(root, f.name, target);
      if (r !== 0 && r !== -Errno.EEXIST) warn(`initramfs: symlink ${f.name}: error ${r}`);
      else if (r === 0) added++;
      continue;
    }
    if (type !== S_IFREG) { warn(`initramfs: ${f.name}: unsupported file type ${type}`); continue; }
    const r = walk(root, f.name);
    const existing = r.dentry;
    if (r.error === 0 && existing !== null && existing.inode instanceof TmpfsFile) {
      // A later archive replaces the file (concatenated archives overlay earlier ones).
      const old = existing.inode as TmpfsFile;
      old.backing = f.data;
      old.size = f.size;
      continue;
    }
    if (r.error !== 0 || existing !== null || r.name === "") { warn(`initramfs: cannot create ${f.name}`); continue; }
    const d = createFile(r.parent!, r.name, f.mode & 0o7777);
    if (d === null) continue;
    const file = d.inode as TmpfsFile;
    file.backing = f.data;
    file.size = f.size;
    added++;
  }
  return added;
}
