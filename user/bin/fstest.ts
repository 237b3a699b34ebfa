/**
 * File system calls from ring 3, with their failure paths: open/creat/openat, read/write/
 * readv/writev, lseek/_llseek, stat64 family, getdents64, mkdir/rmdir/unlink/rename, chdir/
 * fchdir/getcwd, dup/dup2/dup3/fcntl64, pipe/pipe2 (EOF, EPIPE, EAGAIN, across fork), ioctl on
 * the terminal, umask, and the devices. Prints one line per check and exits with the number of
 * failures.
 */
const SYS_EXIT = 1, SYS_FORK = 2, SYS_READ = 3, SYS_WRITE = 4, SYS_OPEN = 5, SYS_CLOSE = 6, SYS_CREAT = 8;
const SYS_UNLINK = 10, SYS_CHDIR = 12, SYS_LSEEK = 19, SYS_RENAME = 38, SYS_MKDIR = 39, SYS_RMDIR = 40;
const SYS_DUP = 41, SYS_PIPE = 42, SYS_IOCTL = 54, SYS_UMASK = 60, SYS_DUP2 = 63, SYS_WAIT4 = 114;
const SYS_FCHDIR = 133, SYS_LLSEEK = 140, SYS_READV = 145, SYS_WRITEV = 146, SYS_GETCWD = 183;
const SYS_STAT64 = 195, SYS_LSTAT64 = 196, SYS_FSTAT64 = 197, SYS_GETDENTS64 = 220, SYS_FCNTL64 = 221;
const SYS_OPENAT = 295, SYS_DUP3 = 330, SYS_PIPE2 = 331;

const O_RDONLY: u32 = 0, O_WRONLY: u32 = 1, O_RDWR: u32 = 2, O_CREAT: u32 = 0o100, O_EXCL: u32 = 0o200;
const O_TRUNC: u32 = 0o1000, O_APPEND: u32 = 0o2000, O_NONBLOCK: u32 = 0o4000, O_DIRECTORY: u32 = 0o200000;
const O_CLOEXEC: u32 = 0o2000000;
const AT_FDCWD: u32 = 0xffffff9c;
const EBADF = -9, ENOENT = -2, EEXIST = -17, ENOTDIR = -20, EISDIR = -21, EINVAL = -22, ENOTEMPTY = -39;
const EFAULT = -14, EPIPE = -32, EAGAIN = -11, ESPIPE = -29, ENOTTY = -25, ERANGE = -34, EMFILE = -24;

let failures = 0;
function check(ok: boolean, what: string): void {
  console.log(`${ok ? "ok" : "FAIL"} ${what}`);
  if (!ok) failures++;
}

function expectEq(got: i32, want: i32, what: string): void {
  check(got === want, got === want ? what : `${what} (got ${got}, want ${want})`);
}

/** @align 16 */
const mem = new Array<u8>(131072).fill(0);
const M = addressOf(mem);
/** Paths live at M .. M+1024, data from D on. */
const D = M + 4096;
const BAD: u32 = 0xc0000000; // kernel space: always -EFAULT
const UNMAPPED: u32 = 0x10;

let pathSlot: u32 = 0;
/** A NUL-terminated copy of `s` in one of four path slots. */
function p(s: string): u32 {
  const at = M + (pathSlot & 3) * 256;
  pathSlot++;
  for (let i = 0; i < s.length; i++) store8(at + u32(i), u8(s.charCodeAt(i)));
  store8(at + u32(s.length), 0);
  return at;
}

function sys(nr: i32, a: u32, b: u32, c: u32): i32 {
  return syscall(nr, a, b, c, 0, 0, 0);
}

function putText(at: u32, s: string): u32 {
  for (let i = 0; i < s.length; i++) store8(at + u32(i), u8(s.charCodeAt(i)));
  return u32(s.length);
}

function textAt(at: u32, n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(load8(at + u32(i)));
  return s;
}

function open(path: string, flags: u32, mode: u32): i32 {
  return sys(SYS_OPEN, p(path), flags, mode);
}

function files(): void {
  const fd = open("/tmp/a", O_CREAT | O_RDWR | O_EXCL, 0o644);
  check(fd >= 3, `open O_CREAT gives a new descriptor (${fd})`);
  expectEq(sys(SYS_WRITE, u32(fd), D, putText(D, "hello file system")), 17, "write 17 bytes");
  expectEq(sys(SYS_LSEEK, u32(fd), 6, 0), 6, "lseek SEEK_SET");
  memset(D, 0, 64);
  expectEq(sys(SYS_READ, u32(fd), D, 64), 11, "read the rest");
  check(textAt(D, 11) === "file system", "the bytes round-trip");
  expectEq(sys(SYS_READ, u32(fd), D, 64), 0, "read at the end: 0");
  expectEq(sys(SYS_LSEEK, u32(fd), u32(-5), 2), 12, "lseek SEEK_END -5");
  expectEq(sys(SYS_LSEEK, u32(fd), u32(-100), 1), EINVAL, "lseek before the start: EINVAL");
  // _llseek writes a 64-bit result.
  store32(D + 100, 0xffffffff); store32(D + 104, 0xffffffff);
  expectEq(syscall(SYS_LLSEEK, u32(fd), 0, 3, D + 100, 0, 0), 0, "_llseek");
  check(load32(D + 100) === 3 && load32(D + 104) === 0, "_llseek stores the 64-bit position");
  expectEq(syscall(SYS_LLSEEK, u32(fd), 0, 3, BAD, 0, 0), EFAULT, "_llseek to a bad pointer: EFAULT");
  expectEq(sys(SYS_READ, u32(fd), BAD, 4), EFAULT, "read into kernel memory: EFAULT");
  expectEq(sys(SYS_WRITE, u32(fd), UNMAPPED, 4), EFAULT, "write from an unmapped address: EFAULT");
  expectEq(sys(SYS_CLOSE, u32(fd), 0, 0), 0, "close");
  expectEq(sys(SYS_CLOSE, u32(fd), 0, 0), EBADF, "close again: EBADF");
  expectEq(sys(SYS_READ, 99, D, 1), EBADF, "read a bad descriptor: EBADF");
  expectEq(sys(SYS_WRITE, u32(-1), D, 1), EBADF, "write to descriptor -1: EBADF");
  expectEq(open("/tmp/a", O_CREAT | O_EXCL | O_WRONLY, 0o644), EEXIST, "O_EXCL on an existing file: EEXIST");
  expectEq(open("/tmp/missing", O_RDONLY, 0), ENOENT, "open a missing file: ENOENT");
  expectEq(open("/tmp/a/x", O_RDONLY, 0), ENOTDIR, "a file as a directory: ENOTDIR");
  expectEq(open("/tmp", O_WRONLY, 0), EISDIR, "open a directory for writing: EISDIR");
  expectEq(sys(SYS_OPEN, BAD, O_RDONLY, 0), EFAULT, "open with a bad path pointer: EFAULT");
  const ro = open("/tmp/a", O_RDONLY, 0);
  expectEq(sys(SYS_WRITE, u32(ro), D, 1), EBADF, "write to a read-only descriptor: EBADF");
  sys(SYS_CLOSE, u32(ro), 0, 0);
  // creat truncates; O_APPEND appends.
  const c = sys(SYS_CREAT, p("/tmp/a"), 0o600, 0);
  check(c >= 0, "creat an existing file");
  sys(SYS_FSTAT64, u32(c), D, 0);
  expectEq(i32(load32(D + 44)), 0, "creat truncated it (st_size 0)");
  sys(SYS_CLOSE, u32(c), 0, 0);
  const a = open("/tmp/a", O_WRONLY | O_APPEND, 0);
  sys(SYS_WRITE, u32(a), D, putText(D, "one"));
  sys(SYS_LSEEK, u32(a), 0, 0);
  sys(SYS_WRITE, u32(a), D, putText(D, "two"));
  sys(SYS_FSTAT64, u32(a), D, 0);
  expectEq(i32(load32(D + 44)), 6, "O_APPEND writes land at the end");
  sys(SYS_CLOSE, u32(a), 0, 0);
  // A big file through readv/writev.
  const v = open("/tmp/v", O_CREAT | O_RDWR | O_TRUNC, 0o644);
  for (let i: u32 = 0; i < 6000; i++) store8(D + 1024 + i, u8(i * 7));
  store32(D, D + 1024); store32(D + 4, 1000);
  store32(D + 8, D + 2024); store32(D + 12, 0);
  store32(D + 16, D + 2024); store32(D + 20, 5000);
  expectEq(sys(SYS_WRITEV, u32(v), D, 3), 6000, "writev of three iovecs (one empty)");
  sys(SYS_LSEEK, u32(v), 0, 0);
  memset(D + 8192, 0, 6000);
  store32(D, D + 8192); store32(D + 4, 3000);
  store32(D + 8, D + 11192); store32(D + 12, 4000);
  expectEq(sys(SYS_READV, u32(v), D, 2), 6000, "readv stops at end of file");
  let same = true;
  for (let i: u32 = 0; i < 6000; i++) if (load8(D + 8192 + i) !== u8(i * 7)) same = false;
  check(same, "readv returns what writev wrote");
  store32(D, BAD); store32(D + 4, 10);
  expectEq(sys(SYS_WRITEV, u32(v), D, 1), EFAULT, "writev from a bad iovec base: EFAULT");
  expectEq(sys(SYS_WRITEV, u32(v), BAD, 1), EFAULT, "writev with a bad iovec array: EFAULT");
  expectEq(sys(SYS_READV, u32(v), D, 5000), EINVAL, "readv with too many iovecs: EINVAL");
  sys(SYS_CLOSE, u32(v), 0, 0);
}

function statCalls(): void {
  memset(D, 0, 96);
  expectEq(sys(SYS_STAT64, p("/tmp/v"), D, 0), 0, "stat64");
  expectEq(i32(load32(D + 16)), i32(0o100644), "st_mode is a regular file 0644");
  expectEq(i32(load32(D + 44)), 6000, "st_size");
  expectEq(i32(load32(D + 20)), 1, "st_nlink");
  check(load32(D + 88) === load32(D + 12) && load32(D + 88) !== 0, "st_ino matches __st_ino");
  expectEq(sys(SYS_LSTAT64, p("/dev/null"), D, 0), 0, "lstat64 /dev/null");
  expectEq(i32(load32(D + 16) & 0o170000), i32(0o020000), "a character device");
  expectEq(i32(load32(D + 32)), 0x103, "st_rdev 1:3");
  expectEq(sys(SYS_STAT64, p("/tmp/none"), D, 0), ENOENT, "stat64 a missing file: ENOENT");
  expectEq(sys(SYS_STAT64, p("/tmp/v/x"), D, 0), ENOTDIR, "stat64 through a file: ENOTDIR");
  expectEq(sys(SYS_STAT64, p("/tmp/v"), BAD, 0), EFAULT, "stat64 into kernel memory: EFAULT");
  expectEq(sys(SYS_STAT64, UNMAPPED, D, 0), EFAULT, "stat64 with an unmapped path: EFAULT");
  expectEq(sys(SYS_FSTAT64, 77, D, 0), EBADF, "fstat64 a bad descriptor: EBADF");
  expectEq(sys(SYS_FSTAT64, 1, D, 0), 0, "fstat64 stdout");
  expectEq(i32(load32(D + 16) & 0o170000), i32(0o020000), "stdout is the console device");
}

function directories(): void {
  expectEq(sys(SYS_MKDIR, p("/tmp/d"), 0o755, 0), 0, "mkdir");
  expectEq(sys(SYS_MKDIR, p("/tmp/d"), 0o755, 0), EEXIST, "mkdir again: EEXIST");
  expectEq(sys(SYS_MKDIR, p("/tmp/v/sub"), 0o755, 0), ENOTDIR, "mkdir under a file: ENOTDIR");
  expectEq(sys(SYS_MKDIR, p("/nope/sub"), 0o755, 0), ENOENT, "mkdir under a missing directory: ENOENT");
  expectEq(sys(SYS_MKDIR, p("/tmp/d/e"), 0o755, 0), 0, "mkdir a subdirectory");
  const f = open("/tmp/d/file", O_CREAT | O_WRONLY, 0o644);
  sys(SYS_CLOSE, u32(f), 0, 0);
  expectEq(sys(SYS_RMDIR, p("/tmp/d"), 0, 0), ENOTEMPTY, "rmdir a non-empty directory: ENOTEMPTY");
  expectEq(sys(SYS_RMDIR, p("/tmp/d/file"), 0, 0), ENOTDIR, "rmdir a file: ENOTDIR");
  expectEq(sys(SYS_UNLINK, p("/tmp/d/e"), 0, 0), EISDIR, "unlink a directory: EISDIR");
  expectEq(sys(SYS_UNLINK, p("/tmp/d/none"), 0, 0), ENOENT, "unlink a missing file: ENOENT");
  // getdents64
  const dfd = open("/tmp/d", O_RDONLY | O_DIRECTORY, 0);
  check(dfd >= 0, "open a directory with O_DIRECTORY");
  const n = sys(SYS_GETDENTS64, u32(dfd), D, 4096);
  const names: string[] = [];
  let off: u32 = 0;
  while (off < u32(n > 0 ? n : 0)) {
    const reclen = load16(D + off + 16);
    let s = "";
    for (let i: u32 = 19; load8(D + off + i) !== 0; i++) s += String.fromCharCode(load8(D + off + i));
    names.push(`${s}:${load8(D + off + 18)}`);
    off += reclen;
  }
  check(names.join(" ") === ".:4 ..:4 e:4 file:8", `getdents64 lists . .. e file with types (${names.join(" ")})`);
  expectEq(sys(SYS_GETDENTS64, u32(dfd), D, 4096), 0, "getdents64 at the end: 0");
  sys(SYS_LSEEK, u32(dfd), 0, 0);
  expectEq(sys(SYS_GETDENTS64, u32(dfd), D, 8), EINVAL, "getdents64 with a tiny buffer: EINVAL");
  expectEq(sys(SYS_GETDENTS64, u32(dfd), BAD, 4096), EFAULT, "getdents64 into kernel memory: EFAULT");
  expectEq(sys(SYS_READ, u32(dfd), D, 10), EISDIR, "read a directory: EISDIR");
  const ffd = open("/tmp/d/file", O_RDONLY, 0);
  expectEq(sys(SYS_GETDENTS64, u32(ffd), D, 4096), ENOTDIR, "getdents64 on a file: ENOTDIR");
  expectEq(open("/tmp/d/file", O_RDONLY | O_DIRECTORY, 0), ENOTDIR, "O_DIRECTORY on a file: ENOTDIR");
  sys(SYS_CLOSE, u32(ffd), 0, 0);
  // rename
  expectEq(sys(SYS_RENAME, p("/tmp/d/file"), p("/tmp/moved"), 0), 0, "rename a file");
  expectEq(sys(SYS_STAT64, p("/tmp/moved"), D, 0), 0, "it is there");
  expectEq(sys(SYS_STAT64, p("/tmp/d/file"), D, 0), ENOENT, "and gone from the old place");
  expectEq(sys(SYS_RENAME, p("/tmp/d"), p("/tmp/d/e/x"), 0), EINVAL, "a directory into itself: EINVAL");
  expectEq(sys(SYS_RENAME, p("/tmp/nothing"), p("/tmp/x"), 0), ENOENT, "rename a missing file: ENOENT");
  expectEq(sys(SYS_RENAME, p("/tmp/moved"), p("/tmp/d"), 0), EISDIR, "a file over a directory: EISDIR");
  expectEq(sys(SYS_RENAME, p("/tmp/moved"), BAD, 0), EFAULT, "rename with a bad pointer: EFAULT");
  expectEq(sys(SYS_RMDIR, p("/tmp/d/e"), 0, 0), 0, "rmdir an empty directory");
  expectEq(sys(SYS_RMDIR, p("/tmp/d"), 0, 0), 0, "rmdir its parent, now empty");
  expectEq(sys(SYS_GETDENTS64, u32(dfd), D, 4096), ENOENT, "getdents64 on a removed directory: ENOENT");
  sys(SYS_CLOSE, u32(dfd), 0, 0);
  expectEq(sys(SYS_UNLINK, p("/tmp/moved"), 0, 0), 0, "unlink");
}

function workingDirectory(): void {
  expectEq(sys(SYS_GETCWD, D, 256, 0), 2, "getcwd at / returns 2 (\"/\" and NUL)");
  sys(SYS_MKDIR, p("/tmp/w"), 0o755, 0);
  expectEq(sys(SYS_CHDIR, p("/tmp/w"), 0, 0), 0, "chdir");
  const n = sys(SYS_GETCWD, D, 256, 0);
  check(n === 7 && textAt(D, 6) === "/tmp/w", `getcwd follows (${textAt(D, n > 0 ? n - 1 : 0)})`);
  expectEq(sys(SYS_GETCWD, D, 3, 0), ERANGE, "getcwd with a small buffer: ERANGE");
  expectEq(sys(SYS_GETCWD, BAD, 256, 0), EFAULT, "getcwd into kernel memory: EFAULT");
  const f = open("rel", O_CREAT | O_WRONLY, 0o644);
  sys(SYS_CLOSE, u32(f), 0, 0);
  expectEq(sys(SYS_STAT64, p("/tmp/w/rel"), D, 0), 0, "relative paths start at the cwd");
  expectEq(sys(SYS_STAT64, p("../w/./rel"), D, 0), 0, "`..` and `.` work relative to the cwd");
  expectEq(sys(SYS_CHDIR, p("rel"), 0, 0), ENOTDIR, "chdir to a file: ENOTDIR");
  expectEq(sys(SYS_CHDIR, p("/none"), 0, 0), ENOENT, "chdir to a missing directory: ENOENT");
  const root = open("/", O_RDONLY | O_DIRECTORY, 0);
  // openat relative to a directory descriptor, and AT_FDCWD.
  const t = sys(SYS_OPEN, p("/tmp"), O_RDONLY | O_DIRECTORY, 0);
  const o = syscall(SYS_OPENAT, u32(t), p("w/rel"), O_RDONLY, 0, 0, 0);
  check(o >= 0, "openat relative to a directory descriptor");
  sys(SYS_CLOSE, u32(o), 0, 0);
  const o2 = syscall(SYS_OPENAT, AT_FDCWD, p("rel"), O_RDONLY, 0, 0, 0);
  check(o2 >= 0, "openat with AT_FDCWD");
  expectEq(syscall(SYS_OPENAT, u32(o2), p("x"), O_RDONLY, 0, 0, 0), ENOTDIR, "openat relative to a file: ENOTDIR");
  expectEq(syscall(SYS_OPENAT, 200, p("x"), O_RDONLY, 0, 0, 0), EBADF, "openat relative to a bad descriptor: EBADF");
  sys(SYS_CLOSE, u32(o2), 0, 0);
  sys(SYS_CLOSE, u32(t), 0, 0);
  expectEq(sys(SYS_FCHDIR, u32(root), 0, 0), 0, "fchdir to /");
  expectEq(sys(SYS_GETCWD, D, 256, 0), 2, "getcwd is / again");
  expectEq(sys(SYS_FCHDIR, 1, 0, 0), ENOTDIR, "fchdir to the console: ENOTDIR");
  expectEq(sys(SYS_FCHDIR, 150, 0, 0), EBADF, "fchdir to a bad descriptor: EBADF");
  sys(SYS_CLOSE, u32(root), 0, 0);
  sys(SYS_UNLINK, p("/tmp/w/rel"), 0, 0);
  sys(SYS_RMDIR, p("/tmp/w"), 0, 0);
}

function descriptors(): void {
  const fd = open("/tmp/v", O_RDONLY, 0);
  const d = sys(SYS_DUP, u32(fd), 0, 0);
  check(d === fd + 1, `dup takes the lowest free descriptor (${d})`);
  sys(SYS_READ, u32(fd), D, 10);
  expectEq(sys(SYS_LSEEK, u32(d), 0, 1), 10, "duplicates share the position");
  expectEq(sys(SYS_DUP2, u32(fd), 20, 0), 20, "dup2 to 20");
  expectEq(sys(SYS_DUP2, u32(fd), u32(fd), 0), fd, "dup2 onto itself returns it");
  expectEq(sys(SYS_DUP2, 99, 20, 0), EBADF, "dup2 from a bad descriptor: EBADF");
  expectEq(sys(SYS_DUP2, u32(fd), 100000, 0), EBADF, "dup2 beyond the table: EBADF");
  expectEq(sys(SYS_DUP3, u32(fd), u32(fd), 0), EINVAL, "dup3 onto itself: EINVAL");
  expectEq(sys(SYS_DUP3, u32(fd), 21, O_CLOEXEC), 21, "dup3 with O_CLOEXEC");
  expectEq(sys(SYS_FCNTL64, 21, 1, 0), 1, "F_GETFD shows FD_CLOEXEC");
  expectEq(sys(SYS_FCNTL64, 20, 1, 0), 0, "dup2 clears it");
  expectEq(sys(SYS_FCNTL64, 20, 2, 1), 0, "F_SETFD");
  expectEq(sys(SYS_FCNTL64, 20, 1, 0), 1, "F_GETFD after F_SETFD");
  expectEq(sys(SYS_FCNTL64, u32(fd), 3, 0) & 3, i32(O_RDONLY), "F_GETFL gives the access mode");
  expectEq(sys(SYS_FCNTL64, u32(fd), 4, O_NONBLOCK), 0, "F_SETFL O_NONBLOCK");
  check((sys(SYS_FCNTL64, u32(d), 3, 0) & i32(O_NONBLOCK)) !== 0, "status flags are shared by duplicates");
  expectEq(sys(SYS_FCNTL64, u32(fd), 0, 30), 30, "F_DUPFD from 30");
  expectEq(sys(SYS_FCNTL64, u32(fd), 999, 0), EINVAL, "an unknown fcntl: EINVAL");
  expectEq(sys(SYS_FCNTL64, 222, 1, 0), EBADF, "fcntl on a bad descriptor: EBADF");
  for (const x of [d, 20, 21, 30]) sys(SYS_CLOSE, u32(x), 0, 0);
  // Fill the table: EMFILE, then everything closes again.
  const opened: i32[] = [];
  let last = 0;
  for (let i = 0; i < 300; i++) {
    last = sys(SYS_DUP, u32(fd), 0, 0);
    if (last < 0) break;
    opened.push(last);
  }
  expectEq(last, EMFILE, `the table fills up after ${opened.length} more descriptors: EMFILE`);
  expectEq(open("/tmp/v", O_RDONLY, 0), EMFILE, "open with a full table: EMFILE");
  for (const x of opened) sys(SYS_CLOSE, u32(x), 0, 0);
  sys(SYS_CLOSE, u32(fd), 0, 0);
  expectEq(sys(SYS_UMASK, 0o077, 0, 0), 0o022, "umask returns the old mask (022)");
  const m = open("/tmp/masked", O_CREAT | O_WRONLY, 0o666);
  sys(SYS_FSTAT64, u32(m), D, 0);
  expectEq(i32(load32(D + 16) & 0o777), 0o600, "new files get mode & ~umask");
  sys(SYS_CLOSE, u32(m), 0, 0);
  sys(SYS_UMASK, 0o022, 0, 0);
}

function pipes(): void {
  expectEq(sys(SYS_PIPE, D, 0, 0), 0, "pipe");
  const r = i32(load32(D)), w = i32(load32(D + 4));
  check(r >= 3 && w === r + 1, `pipe gives two descriptors (${r}, ${w})`);
  expectEq(sys(SYS_WRITE, u32(w), D + 100, putText(D + 100, "through the pipe")), 16, "write into the pipe");
  memset(D + 200, 0, 32);
  expectEq(sys(SYS_READ, u32(r), D + 200, 100), 16, "read from the pipe");
  check(textAt(D + 200, 16) === "through the pipe", "the same bytes");
  expectEq(sys(SYS_LSEEK, u32(r), 0, 0), ESPIPE, "lseek on a pipe: ESPIPE");
  expectEq(sys(SYS_FSTAT64, u32(r), D + 300, 0), 0, "fstat64 on a pipe");
  expectEq(i32(load32(D + 316) & 0o170000), i32(0o010000), "a pipe is a FIFO");
  // Across fork: the child writes 100000 bytes, the parent reads them all, then EOF.
  const pid = syscall(SYS_FORK, 0, 0, 0, 0, 0, 0);
  if (pid === 0) {
    sys(SYS_CLOSE, u32(r), 0, 0);
    memset(D, 0x61, 4096);
    let sent = 0;
    while (sent < 100000) {
      const n = sys(SYS_WRITE, u32(w), D, u32(Math.min(4096, 100000 - sent)));
      if (n <= 0) syscall(SYS_EXIT, 1, 0, 0, 0, 0, 0);
      sent += n;
    }
    syscall(SYS_EXIT, 0, 0, 0, 0, 0, 0);
  }
  check(pid > 0, "fork a writer");
  sys(SYS_CLOSE, u32(w), 0, 0);
  let total = 0;
  let good = true;
  for (;;) {
    const n = sys(SYS_READ, u32(r), D + 8192, 8192);
    if (n <= 0) { expectEq(n, 0, "then EOF once the writer exits"); break; }
    for (let i = 0; i < n; i++) if (load8(D + 8192 + u32(i)) !== 0x61) good = false;
    total += n;
  }
  expectEq(total, 100000, "the parent reads every byte a child wrote through a blocking pipe");
  check(good, "uncorrupted");
  const st = syscall(SYS_WAIT4, u32(pid), D, 0, 0, 0, 0);
  check(st === pid && load32(D) === 0, "the writer exited with 0");
  sys(SYS_CLOSE, u32(r), 0, 0);
  // EPIPE when nobody reads; EAGAIN for non-blocking ends.
  expectEq(sys(SYS_PIPE2, D, O_NONBLOCK | O_CLOEXEC, 0), 0, "pipe2 with O_NONBLOCK | O_CLOEXEC");
  const r2 = i32(load32(D)), w2 = i32(load32(D + 4));
  expectEq(sys(SYS_FCNTL64, u32(r2), 1, 0), 1, "pipe2 sets close-on-exec");
  expectEq(sys(SYS_READ, u32(r2), D + 100, 10), EAGAIN, "an empty non-blocking pipe: EAGAIN");
  let filled = 0;
  for (;;) {
    const n = sys(SYS_WRITE, u32(w2), D + 1024, 1000);
    if (n < 0) { expectEq(n, EAGAIN, "a full non-blocking pipe: EAGAIN"); break; }
    filled += n;
  }
  check(filled >= 4000, `the pipe took ${filled} bytes in atomic 1000-byte writes`);
  sys(SYS_CLOSE, u32(r2), 0, 0);
  expectEq(sys(SYS_WRITE, u32(w2), D, 1), EPIPE, "write with no reader: EPIPE");
  sys(SYS_CLOSE, u32(w2), 0, 0);
  expectEq(sys(SYS_PIPE2, D, 0o1, 0), EINVAL, "pipe2 with a bad flag: EINVAL");
  expectEq(sys(SYS_PIPE, BAD, 0, 0), EFAULT, "pipe into kernel memory: EFAULT");
}

function terminal(): void {
  memset(D, 0xff, 64);
  expectEq(sys(SYS_IOCTL, 0, 0x5401, D), 0, "TCGETS on stdin");
  check((load32(D + 12) & 2) !== 0, "the terminal starts in canonical mode (ICANON)");
  expectEq(i32(load8(D + 17 + 4)), 4, "VEOF is ^D");
  expectEq(sys(SYS_IOCTL, 0, 0x5402, D), 0, "TCSETS with the same settings");
  expectEq(sys(SYS_IOCTL, 1, 0x5413, D), 0, "TIOCGWINSZ");
  check(load16(D) === 24 && load16(D + 2) === 80, `24 rows, 80 columns (${load16(D)}x${load16(D + 2)})`);
  expectEq(sys(SYS_IOCTL, 1, 0x5413, BAD), EFAULT, "TIOCGWINSZ into kernel memory: EFAULT");
  const f = open("/tmp/v", O_RDONLY, 0);
  expectEq(sys(SYS_IOCTL, u32(f), 0x5401, D), ENOTTY, "TCGETS on a file: ENOTTY");
  sys(SYS_CLOSE, u32(f), 0, 0);
  expectEq(sys(SYS_IOCTL, 1, 0x12345678, D), ENOTTY, "an unknown ioctl: ENOTTY");
  expectEq(sys(SYS_IOCTL, 66, 0x5401, D), EBADF, "ioctl on a bad descriptor: EBADF");
  const tty = open("/dev/tty", O_WRONLY, 0);
  expectEq(sys(SYS_WRITE, u32(tty), D, putText(D, "written to /dev/tty\n")), 20, "write to /dev/tty");
  sys(SYS_CLOSE, u32(tty), 0, 0);
}

function devices(): void {
  const z = open("/dev/zero", O_RDONLY, 0);
  memset(D, 0x55, 100000);
  expectEq(sys(SYS_READ, u32(z), D, 100000), 100000, "read 100000 bytes of /dev/zero");
  let zero = true;
  for (let i: u32 = 0; i < 100000; i += 997) if (load8(D + i) !== 0) zero = false;
  check(zero, "all zeros");
  sys(SYS_CLOSE, u32(z), 0, 0);
  const n = open("/dev/null", O_RDWR, 0);
  expectEq(sys(SYS_WRITE, u32(n), D, 5000), 5000, "/dev/null takes everything");
  expectEq(sys(SYS_READ, u32(n), D, 10), 0, "and reads as empty");
  sys(SYS_CLOSE, u32(n), 0, 0);
  const r = open("/dev/urandom", O_RDONLY, 0);
  memset(D, 0, 64);
  memset(D + 64, 0, 64);
  sys(SYS_READ, u32(r), D, 64);
  sys(SYS_READ, u32(r), D + 64, 64);
  let differ = 0;
  for (let i: u32 = 0; i < 64; i++) if (load8(D + i) !== load8(D + 64 + i)) differ++;
  check(differ > 48, "two random reads differ");
  sys(SYS_CLOSE, u32(r), 0, 0);
}

files();
statCalls();
directories();
workingDirectory();
descriptors();
pipes();
terminal();
devices();
sys(SYS_UNLINK, p("/tmp/a"), 0, 0);
sys(SYS_UNLINK, p("/tmp/v"), 0, 0);
sys(SYS_UNLINK, p("/tmp/masked"), 0, 0);
console.log(`fstest: ${failures} failure(s)`);
process.exit(failures);
