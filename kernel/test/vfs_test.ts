/**
 * KTAP suite: the file layer. Path lookup (`.`, `..`, relative, across the /dev mount, symbolic
 * links), tmpfs files (create, write, read, holes, truncate, unlink while open), directories
 * (mkdir, rmdir, rename, getdents64), the stat64 layout, devices, descriptor tables, and pipes
 * (data, EOF, EPIPE, non-blocking, and a blocking reader woken by a writer thread).
 */
import { Suite, TestContext } from "./ktap";
import {
  Dentry, File, Inode, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, O_APPEND, SEEK_END,
  MAX_FILE_BYTES, SEEK_SET, STAT64_BYTES, S_IFCHR, S_IFDIR, S_IFLNK, S_IFREG, S_IFIFO, SuperBlock, direntSize, filePut, fileRead, fileSeek,
  fileReadAt, fileWrite, fileWriteAt, fillStat64, linkInode, linkOps, makeDirectory, openPath, pathOf, readDirectory, removeDirectory, renamePath, writePosition,
  resolve, resolveNoFollow, rootDentry, unlinkPath, walk,
} from "../fs/vfs";
import { TmpfsFile } from "../fs/tmpfs";
import { FdTable, MAX_FDS } from "../fs/fdtable";
import { PIPE_CAPACITY, createPipe } from "../fs/pipe";
import { Errno } from "../syscall/errno";
import { spawnKernelThread, joinTask } from "../proc/sched";
import { totalFreePages } from "../mm/pmm";

/** @align 16 */
const buf = new Array<u8>(8192).fill(0);
const B = addressOf(buf);

function root(): Dentry {
  return rootDentry();
}

/** Opens `path` (relative to the root) or returns null, recording a failure. */
function open(t: TestContext, path: string, flags: u32): File | null {
  const r = openPath(root(), path, flags, 0o644, 0o022);
  t.expect(r.file !== null, `open ${path} (error ${r.error})`);
  return r.file;
}

function openError(path: string, flags: u32): i32 {
  const r = openPath(root(), path, flags, 0o644, 0o022);
  const f = r.file;
  if (f !== null) { filePut(f); return 0; }
  return r.error;
}

function fill(text: string): u32 {
  for (let i = 0; i < text.length; i++) buf[i] = u8(text.charCodeAt(i));
  return u32(text.length);
}

function text(n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(buf[i]);
  return s;
}

function pathLookup(t: TestContext): void {
  t.expectEq(i64(makeDirectory(root(), "/vt", 0o755)), 0n, "mkdir /vt");
  t.expectEq(i64(makeDirectory(root(), "/vt/a", 0o755)), 0n, "mkdir /vt/a");
  t.expectEq(i64(makeDirectory(root(), "vt/a/b", 0o755)), 0n, "mkdir with a relative path from /");
  const a = resolve(root(), "/vt/a").dentry!;
  t.expect(resolve(a, "b").dentry !== null, "relative to a start directory");
  t.expect(resolve(a, "./b/../b/.").dentry === resolve(root(), "/vt/a/b").dentry, "`.` and `..` inside a path");
  t.expect(resolve(a, "../../..").dentry === root(), "`..` stops at the root");
  t.expect(resolve(root(), "//vt///a/").dentry === a, "repeated and trailing slashes");
  t.expectEq(i64(resolve(root(), "/vt/nope/b").error), -i64(Errno.ENOENT), "missing middle component: ENOENT");
  t.expectEq(i64(resolve(root(), "").error), -i64(Errno.ENOENT), "empty path: ENOENT");
  const dev = resolve(root(), "/dev").dentry!;
  t.expect(dev.inode.sb !== root().inode.sb, "/dev is another file system (devfs mounted)");
  t.expect(resolve(dev, "..").dentry === root(), "`..` from a mount root crosses back");
  t.expect(resolve(root(), "/dev/null").dentry !== null, "/dev/null exists");
  t.expect(pathOf(resolve(root(), "/vt/a/b").dentry!) === "/vt/a/b", "pathOf gives the absolute path");
  t.expect(pathOf(dev) === "/dev", "pathOf across the mount");
  t.expect(pathOf(root()) === "/", "pathOf the root");
  let long = "";
  for (let i = 0; i < 256; i++) long += "x";
  t.expectEq(i64(resolve(root(), long).error), -i64(Errno.ENAMETOOLONG), "a 256-byte name: ENAMETOOLONG");
}

function tmpfsFiles(t: TestContext): void {
  const f = open(t, "/vt/f", O_CREAT | O_RDWR);
  if (f === null) return;
  t.expectEq(i64(fileWrite(f, B, fill("hello, world"))), 12n, "write 12 bytes");
  t.expectEq(i64(f.inode.size), 12n, "size follows");
  t.expectEq(i64(fileSeek(f, 7n, SEEK_SET)), 7n, "seek");
  t.expectEq(i64(fileRead(f, B, 100)), 5n, "read to the end");
  t.expect(text(5) === "world", "reads what was written");
  t.expectEq(i64(fileRead(f, B, 100)), 0n, "then end of file");
  // A hole: writing past the end leaves zeros behind.
  t.expectEq(i64(fileSeek(f, 10000n, SEEK_SET)), 10000n, "seek past the end");
  t.expectEq(i64(fileWrite(f, B, fill("Z"))), 1n, "write past the end");
  t.expectEq(i64(f.inode.size), 10001n, "the file grew");
  fileSeek(f, 5000n, SEEK_SET);
  buf[0] = 0xff;
  t.expectEq(i64(fileRead(f, B, 1)), 1n, "read in the hole");
  t.expectEq(i64(buf[0]), 0n, "holes read as zeros");
  t.expectEq(i64(fileSeek(f, -1n, SEEK_END)), 10000n, "SEEK_END");
  t.expectEq(i64(fileSeek(f, -20000n, SEEK_END)), -i64(Errno.EINVAL), "a negative position: EINVAL");
  fileSeek(f, 3n, SEEK_SET);
  t.expectEq(i64(fileWriteAt(f, B, fill("XY"), 10001, false)), 2n, "fileWriteAt writes at its offset");
  t.expect(fileReadAt(f, B, 5, 10000, false) === 3 && text(3) === "ZXY", "fileReadAt reads at its offset");
  t.expectEq(i64(f.pos), 3n, "neither moves the file position");
  t.expectEq(i64(writePosition(f, 3, true)), 10003n, "an appending write goes to the end of a regular file");
  t.expectEq(i64(fileWriteAt(f, B, 10, MAX_FILE_BYTES, false)), -i64(Errno.EFBIG), "a write at the largest size: EFBIG");
  filePut(f);
  t.expectEq(i64(openError("/vt/f", O_CREAT | O_EXCL | O_WRONLY)), -i64(Errno.EEXIST), "O_EXCL on an existing file: EEXIST");
  const g = open(t, "/vt/f", O_WRONLY | O_TRUNC);
  if (g !== null) { t.expectEq(i64(g.inode.size), 0n, "O_TRUNC empties the file"); filePut(g); }
  const h = open(t, "/vt/f", O_WRONLY | O_APPEND);
  if (h !== null) {
    fileWrite(h, B, fill("ab"));
    fileSeek(h, 0n, SEEK_SET);
    fileWrite(h, B, fill("cd"));
    t.expectEq(i64(h.inode.size), 4n, "O_APPEND writes at the end whatever the position");
    t.expectEq(i64(fileRead(h, B, 4)), -i64(Errno.EBADF), "reading a write-only file: EBADF");
    filePut(h);
  }
  t.expectEq(i64(openError("/vt/nope", O_RDONLY)), -i64(Errno.ENOENT), "open a missing file: ENOENT");
  t.expectEq(i64(openError("/vt/f/x", O_RDONLY)), -i64(Errno.ENOTDIR), "a file used as a directory: ENOTDIR");
  t.expectEq(i64(openError("/vt/f", O_RDONLY | O_DIRECTORY)), -i64(Errno.ENOTDIR), "O_DIRECTORY on a file: ENOTDIR");
  t.expectEq(i64(openError("/vt", O_WRONLY)), -i64(Errno.EISDIR), "a directory opened for writing: EISDIR");
}

function unlinkWhileOpen(t: TestContext): void {
  const before = totalFreePages();
  const f = open(t, "/vt/big", O_CREAT | O_RDWR);
  if (f === null) return;
  for (let i = 0; i < 8; i++) fileWrite(f, B, 8192);
  t.expectEq(i64((f.inode as TmpfsFile).pageCount), 16n, "64 KiB take 16 pages");
  t.expectEq(i64(unlinkPath(root(), "/vt/big")), 0n, "unlink an open file");
  t.expect(resolve(root(), "/vt/big").dentry === null, "the name is gone");
  fileSeek(f, 0n, SEEK_SET);
  t.expectEq(i64(fileRead(f, B, 100)), 100n, "the open file still reads");
  t.expect(totalFreePages() < before, "its pages are still held");
  const held = totalFreePages();
  filePut(f);
  t.expectEq(i64(totalFreePages() - held), 16n, "closing the last reference frees its 16 pages");
  t.expectEq(i64(unlinkPath(root(), "/vt/big")), -i64(Errno.ENOENT), "unlink again: ENOENT");
  t.expectEq(i64(unlinkPath(root(), "/vt/a")), -i64(Errno.EISDIR), "unlink a directory: EISDIR");
}

function directories(t: TestContext): void {
  t.expectEq(i64(makeDirectory(root(), "/vt/a", 0o755)), -i64(Errno.EEXIST), "mkdir existing: EEXIST");
  t.expectEq(i64(makeDirectory(root(), "/vt/f/x", 0o755)), -i64(Errno.ENOTDIR), "mkdir under a file: ENOTDIR");
  t.expectEq(i64(makeDirectory(root(), "/vt/none/x", 0o755)), -i64(Errno.ENOENT), "mkdir under a missing directory: ENOENT");
  t.expectEq(i64(removeDirectory(root(), "/vt/a")), -i64(Errno.ENOTEMPTY), "rmdir non-empty: ENOTEMPTY");
  t.expectEq(i64(removeDirectory(root(), "/vt/f")), -i64(Errno.ENOTDIR), "rmdir a file: ENOTDIR");
  t.expectEq(i64(removeDirectory(root(), "/vt/a/b/.")), -i64(Errno.EINVAL), "rmdir `.`: EINVAL");
  t.expectEq(i64(removeDirectory(root(), "/dev")), -i64(Errno.EBUSY), "rmdir a mount point: EBUSY");
  const links = resolve(root(), "/vt/a").dentry!.inode.nlink;
  t.expectEq(i64(links), 3n, "a directory with one subdirectory has 3 links");
  t.expectEq(i64(removeDirectory(root(), "/vt/a/b")), 0n, "rmdir an empty directory");
  t.expectEq(i64(resolve(root(), "/vt/a").dentry!.inode.nlink), 2n, "and the parent loses a link");
  // rename
  t.expectEq(i64(renamePath(root(), "/vt/f", "/vt/a/g")), 0n, "rename a file into a directory");
  t.expect(resolve(root(), "/vt/f").dentry === null && resolve(root(), "/vt/a/g").dentry !== null, "it moved");
  const o = open(t, "/vt/other", O_CREAT | O_WRONLY);
  if (o !== null) filePut(o);
  t.expectEq(i64(renamePath(root(), "/vt/other", "/vt/a/g")), 0n, "rename over an existing file replaces it");
  t.expectEq(i64(renamePath(root(), "/vt/a", "/vt/a/sub")), -i64(Errno.EINVAL), "a directory into itself: EINVAL");
  t.expectEq(i64(renamePath(root(), "/vt/a/g", "/dev/g")), -i64(Errno.EXDEV), "across file systems: EXDEV");
  t.expectEq(i64(makeDirectory(root(), "/vt/d2", 0o755)), 0n, "mkdir /vt/d2");
  t.expectEq(i64(renamePath(root(), "/vt/a/g", "/vt/d2")), -i64(Errno.EISDIR), "a file over a directory: EISDIR");
  t.expectEq(i64(renamePath(root(), "/vt/d2", "/vt/a/g")), -i64(Errno.ENOTDIR), "a directory over a file: ENOTDIR");
  t.expectEq(i64(renamePath(root(), "/vt/d2", "/vt/a")), -i64(Errno.ENOTEMPTY), "over a non-empty directory: ENOTEMPTY");
  t.expectEq(i64(renamePath(root(), "/vt/missing", "/vt/x")), -i64(Errno.ENOENT), "a missing source: ENOENT");
  t.expectEq(i64(renamePath(root(), "/vt/d2", "/vt/a/d3")), 0n, "move a directory");
  t.expect(pathOf(resolve(root(), "/vt/a/d3").dentry!) === "/vt/a/d3", "its path follows");
}

/** Finds `name` in a getdents64 buffer of `n` bytes; its d_type, or -1. */
function direntType(n: i32, name: string): i32 {
  let off: u32 = 0;
  while (off < u32(n)) {
    const reclen = load16(B + off + 16);
    let s = "";
    for (let i: u32 = 19; load8(B + off + i) !== 0; i++) s += String.fromCharCode(load8(B + off + i));
    if (s === name) return load8(B + off + 18);
    off += reclen;
  }
  return -1;
}

function getdents(t: TestContext): void {
  const d = open(t, "/vt/a", O_RDONLY | O_DIRECTORY);
  if (d === null) return;
  const n = readDirectory(d, B, 4096);
  t.expect(n > 0, "getdents64 returns entries");
  t.expectEq(i64(direntType(n, ".")), 4n, "`.` is DT_DIR");
  t.expectEq(i64(direntType(n, "..")), 4n, "`..` is DT_DIR");
  t.expectEq(i64(direntType(n, "g")), 8n, "a file is DT_REG");
  t.expectEq(i64(direntType(n, "d3")), 4n, "a directory is DT_DIR");
  t.expectEq(i64(load16(B + 16)), i64(direntSize(1)), "d_reclen is 8-aligned (24 for `.`)");
  t.expectEq(i64(load64(B + 8)), 1n, "d_off is the next position");
  t.expectEq(i64(readDirectory(d, B, 4096)), 0n, "then the end");
  fileSeek(d, 0n, SEEK_SET);
  t.expectEq(i64(readDirectory(d, B, 10)), -i64(Errno.EINVAL), "a buffer too small for one entry: EINVAL");
  t.expectEq(i64(readDirectory(d, B, 24)), 24n, "exactly one entry fits");
  t.expectEq(i64(fileRead(d, B, 10)), -i64(Errno.EISDIR), "read on a directory: EISDIR");
  filePut(d);
  const dev = open(t, "/dev", O_RDONLY);
  if (dev !== null) {
    const m = readDirectory(dev, B, 4096);
    t.expectEq(i64(direntType(m, "null")), 2n, "/dev/null is listed as DT_CHR");
    t.expect(direntType(m, "console") === 2 && direntType(m, "random") === 2 && direntType(m, "zero") === 2, "the other devices too");
    filePut(dev);
  }
}

/** A symbolic link with a fixed target (tmpfs has no symlink(2) yet; /proc/self is the kernel's own). */
class TestLink extends Inode {
  constructor(sb: SuperBlock, ino: u32, readonly target: string) {
    super(sb, ino, S_IFLNK | 0o777, linkOps);
  }

  readLink(): string | null {
    return this.target;
  }
}

function addLink(dir: Dentry, name: string, target: string): void {
  const sb = dir.inode.sb;
  linkInode(dir, name, new TestLink(sb, sb.allocIno(), target));
}

function symlinks(t: TestContext): void {
  t.expectEq(i64(makeDirectory(root(), "/vs", 0o755)), 0n, "mkdir /vs");
  t.expectEq(i64(makeDirectory(root(), "/vs/d", 0o755)), 0n, "mkdir /vs/d");
  const made = open(t, "/vs/d/f", O_CREAT | O_WRONLY);
  if (made !== null) filePut(made);
  const vs = resolve(root(), "/vs").dentry!;
  const f = resolve(root(), "/vs/d/f").dentry!;
  addLink(vs, "rel", "d");
  addLink(vs, "abs", "/vs/d/f");
  addLink(vs, "up", "../vs/./d");
  addLink(vs, "chain", "rel/f");
  addLink(vs, "loop", "loop");
  addLink(vs, "dangling", "d/new");
  t.expect(resolve(root(), "/vs/rel/f").dentry === f, "a link in the middle of a path is followed (relative target)");
  t.expect(resolve(root(), "/vs/up/f").dentry === f, "`..` and `.` in a target");
  t.expect(resolve(root(), "/vs/chain").dentry === f, "a link to a link");
  t.expect(resolve(root(), "/vs/abs").dentry === f, "resolve follows the last component (absolute target)");
  const own = resolveNoFollow(root(), "/vs/abs").dentry;
  t.expect(own !== null && own.inode.isSymlink() && walk(root(), "/vs/abs").dentry === own, "resolveNoFollow and walk stop at the link itself");
  t.expect(resolve(root(), "/vs/rel/").dentry === resolve(root(), "/vs/d").dentry, "a trailing slash follows a link to a directory");
  t.expectEq(i64(resolve(root(), "/vs/abs/").error), -i64(Errno.ENOTDIR), "a trailing slash on a link to a file: ENOTDIR");
  t.expectEq(i64(resolve(root(), "/vs/loop").error), -i64(Errno.ELOOP), "a link to itself: ELOOP");
  t.expectEq(i64(resolve(root(), "/vs/loop/x").error), -i64(Errno.ELOOP), "and in the middle of a path");
  t.expectEq(i64(resolve(root(), "/vs/dangling").error), -i64(Errno.ENOENT), "a dangling link: ENOENT");
  t.expectEq(i64(openError("/vs/abs", O_RDONLY | O_NOFOLLOW)), -i64(Errno.ELOOP), "open with O_NOFOLLOW: ELOOP");
  t.expectEq(i64(openError("/vs/abs", O_CREAT | O_EXCL | O_WRONLY)), -i64(Errno.EEXIST), "O_CREAT|O_EXCL on a link: EEXIST");
  const through = open(t, "/vs/abs", O_RDONLY);
  if (through !== null) {
    t.expect(through.inode === f.inode, "open follows the link");
    filePut(through);
  }
  const created = open(t, "/vs/dangling", O_CREAT | O_WRONLY);
  if (created !== null) filePut(created);
  t.expect(resolve(root(), "/vs/d/new").dentry !== null, "O_CREAT through a dangling link creates its target");
  const d = open(t, "/vs", O_RDONLY | O_DIRECTORY);
  if (d !== null) {
    t.expectEq(i64(direntType(readDirectory(d, B, 4096), "abs")), 10n, "a link is listed as DT_LNK");
    filePut(d);
  }
  fillStat64(own!.inode, B);
  t.expectEq(i64(load32(B + 16) & 0o170000), i64(S_IFLNK), "stat64 of the link itself: S_IFLNK");
  t.expectEq(i64(unlinkPath(root(), "/vs/rel")), 0n, "unlink removes the link");
  t.expect(resolve(root(), "/vs/d").dentry !== null && resolve(root(), "/vs/rel").dentry === null, "not its target");
}

function statLayout(t: TestContext): void {
  t.expectEq(i64(STAT64_BYTES), 96n, "struct stat64 is 96 bytes on i386");
  const w = walk(root(), "/vt/a/g");
  const inode = w.dentry!.inode;
  fillStat64(inode, B);
  t.expectEq(i64(load32(B + 16)), i64(S_IFREG | 0o644), "st_mode at 16");
  t.expectEq(i64(load32(B + 20)), 1n, "st_nlink at 20");
  t.expectEq(i64(load64(B + 88)), i64(inode.ino), "st_ino at 88");
  t.expectEq(i64(load32(B + 12)), i64(inode.ino), "__st_ino at 12");
  t.expectEq(i64(load32(B + 52)), 4096n, "st_blksize at 52");
  fillStat64(resolve(root(), "/dev/zero").dentry!.inode, B);
  t.expectEq(i64(load32(B + 16) & 0o170000), i64(S_IFCHR), "a device is S_IFCHR");
  t.expectEq(i64(load64(B + 32)), 0x105n, "st_rdev of /dev/zero is 1:5");
  fillStat64(root().inode, B);
  t.expectEq(i64(load32(B + 16) & 0o170000), i64(S_IFDIR), "the root is a directory");
}

function devices(t: TestContext): void {
  const z = open(t, "/dev/zero", O_RDWR);
  if (z !== null) {
    buf[0] = 7; buf[99] = 7;
    t.expectEq(i64(fileRead(z, B, 100)), 100n, "/dev/zero reads fully");
    t.expect(buf[0] === 0 && buf[99] === 0, "zeros");
    t.expectEq(i64(z.pos), 0n, "and its position stays (its data has no place)");
    filePut(z);
  }
  const n = open(t, "/dev/null", O_RDWR);
  if (n !== null) {
    t.expectEq(i64(fileWrite(n, B, 1234)), 1234n, "/dev/null swallows writes");
    t.expectEq(i64(fileRead(n, B, 10)), 0n, "and reads end at once");
    filePut(n);
  }
  const r = open(t, "/dev/random", O_RDONLY);
  if (r !== null) {
    memset(B, 0, 256);
    fileRead(r, B, 256);
    let zeros = 0;
    let ones = 0;
    for (let i = 0; i < 256; i++) {
      if (buf[i] === 0) zeros++;
      for (let b = 0; b < 8; b++) if (((buf[i] >>> b) & 1) !== 0) ones++;
    }
    t.expect(zeros < 8, "random bytes are rarely zero");
    t.expect(ones > 900 && ones < 1148, `about half the bits are set (${ones} of 2048)`);
    filePut(r);
  }
}

function fdTables(t: TestContext): void {
  const table = new FdTable();
  const f = open(t, "/dev/null", O_RDWR);
  if (f === null) return;
  t.expectEq(i64(table.install(f, 0, false)), 0n, "the first descriptor is 0");
  let last = 0;
  for (let i = 1; i < MAX_FDS; i++) { f.refs++; last = table.install(f, 0, false); }
  t.expectEq(i64(last), i64(MAX_FDS - 1), "descriptors fill up in order");
  f.refs++;
  t.expectEq(i64(table.install(f, 0, false)), -i64(Errno.EMFILE), "a full table: EMFILE");
  f.refs--;
  t.expectEq(i64(table.close(5)), 0n, "close");
  t.expectEq(i64(table.close(5)), -i64(Errno.EBADF), "close twice: EBADF");
  t.expect(table.get(-1) === null && table.get(MAX_FDS) === null, "out-of-range descriptors are bad");
  const copy = table.clone();
  t.expectEq(i64(f.refs), i64(2 * (MAX_FDS - 1)), "a copied table shares the open files");
  const inode = f.inode, opens = inode.opens;
  copy.closeAll();
  t.expectEq(i64(f.refs), i64(MAX_FDS - 1), "closing one table drops its references");
  table.closeAll(); // the last reference: the file is released and freed (f is gone)
  t.expectEq(i64(inode.opens), i64(opens - 1), "closing both releases the open file");
}

function pipeBasics(t: TestContext): void {
  const p = createPipe(0);
  if (p === null) { t.expect(false, "createPipe"); return; }
  t.expectEq(i64(p.reader.inode.mode & 0o170000), i64(S_IFIFO), "a pipe is a FIFO");
  t.expectEq(i64(fileWrite(p.writer, B, fill("ping"))), 4n, "write into a pipe");
  memset(B, 0, 8);
  t.expectEq(i64(fileRead(p.reader, B, 100)), 4n, "read what is there");
  t.expect(text(4) === "ping", "the same bytes");
  t.expectEq(i64(fileWrite(p.reader, B, 1)), -i64(Errno.EBADF), "writing the read end: EBADF");
  t.expectEq(i64(fileSeek(p.reader, 0n, SEEK_SET)), -i64(Errno.ESPIPE), "lseek on a pipe: ESPIPE");
  // Wrap around the ring many times.
  let ok = true;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 3000; i++) buf[i] = u8(i + round);
    if (fileWrite(p.writer, B, 3000) !== 3000) ok = false;
    memset(B, 0, 3000);
    if (fileRead(p.reader, B, 3000) !== 3000) ok = false;
    for (let i = 0; i < 3000; i++) if (buf[i] !== u8(i + round)) ok = false;
  }
  t.expect(ok, "data survives wrap-arounds intact");
  filePut(p.writer);
  t.expectEq(i64(fileRead(p.reader, B, 10)), 0n, "EOF once the writers are gone");
  filePut(p.reader);
  const q = createPipe(0);
  if (q === null) return;
  filePut(q.reader);
  t.expectEq(i64(fileWrite(q.writer, B, 10)), -i64(Errno.EPIPE), "EPIPE once the readers are gone");
  filePut(q.writer);
}

function pipeNonBlocking(t: TestContext): void {
  const p = createPipe(0o4000);
  if (p === null) return;
  t.expectEq(i64(fileRead(p.reader, B, 10)), -i64(Errno.EAGAIN), "empty non-blocking pipe: EAGAIN");
  let filled: i64 = 0n;
  for (let r = fileWrite(p.writer, B, 8192); r > 0; r = fileWrite(p.writer, B, 8192)) filled += i64(r);
  t.expectEq(filled, i64(PIPE_CAPACITY), "big writes fill the pipe");
  t.expectEq(i64(fileWrite(p.writer, B, 1)), -i64(Errno.EAGAIN), "a full pipe: EAGAIN");
  filePut(p.reader);
  filePut(p.writer);
}

class PipeTest {
  writer: File | null = null;
}
const pipeTest = new PipeTest();
const THREAD_BYTES: u32 = 20000;

function writerThread(_arg: u32): i32 {
  const w = pipeTest.writer!;
  const chunk = new Array<u8>(1000).fill(0x5a);
  let sent: u32 = 0;
  while (sent < THREAD_BYTES) {
    const r = fileWrite(w, addressOf(chunk), 1000);
    if (r <= 0) return 1;
    sent += u32(r);
  }
  filePut(w);
  return 0;
}

function pipeBlocking(t: TestContext): void {
  const p = createPipe(0);
  if (p === null) return;
  pipeTest.writer = p.writer;
  const th = spawnKernelThread("pipe-writer", writerThread, 0, 0, false);
  if (th === null) { t.expect(false, "spawn the writer thread"); return; }
  let got: u32 = 0;
  let good = true;
  for (;;) {
    const r = fileRead(p.reader, B, 8192);
    if (r <= 0) break;
    for (let i = 0; i < r; i++) if (buf[i] !== 0x5a) good = false;
    got += u32(r);
  }
  t.expectEq(i64(got), i64(THREAD_BYTES), "the blocked reader gets every byte, then EOF");
  t.expect(good, "in order, uncorrupted");
  t.expectEq(i64(joinTask(th)), 0n, "the writer blocked on a full pipe and finished");
  filePut(p.reader);
}

/** The file layer's tests. */
export function vfsSuite(): Suite {
  return new Suite("vfs")
    .test("path lookup", pathLookup)
    .test("symbolic links", symlinks)
    .test("tmpfs files", tmpfsFiles)
    .test("unlink while open", unlinkWhileOpen)
    .test("directories and rename", directories)
    .test("getdents64", getdents)
    .test("stat64 layout", statLayout)
    .test("devices", devices)
    .test("descriptor tables", fdTables)
    .test("pipes", pipeBasics)
    .test("non-blocking pipes", pipeNonBlocking)
    .test("blocking pipe between threads", pipeBlocking);
}
