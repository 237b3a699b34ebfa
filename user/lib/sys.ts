/**
 * The Linux i386 system calls OpenOS programs use, as typed functions over the `syscall`
 * intrinsic. Results are the kernel's: a value, or a negative errno (see errno.ts). Paths are
 * strings; the wrappers pass them as NUL-terminated copies (cstring.ts).
 */
import { cString } from "./cstring";

/** System-call numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
export const enum Nr {
  exit = 1, fork = 2, read = 3, write = 4, open = 5, close = 6, waitpid = 7, unlink = 10, execve = 11,
  chdir = 12, lseek = 19, getpid = 20, mount = 21, access = 33, kill = 37, rename = 38, mkdir = 39,
  rmdir = 40, dup = 41, pipe = 42, brk = 45, ioctl = 54, setpgid = 57, umask = 60, dup2 = 63,
  getppid = 64, setsid = 66, readlink = 85, munmap = 91, wait4 = 114, sysinfo = 116, uname = 122, getpgid = 132,
  nanosleep = 162, prctl = 172, rtSigaction = 174, pread64 = 180, getcwd = 183, mmap2 = 192, stat64 = 195, lstat64 = 196,
  fstat64 = 197, getuid32 = 199, getdents64 = 220, exitGroup = 252, clockGettime = 265, openat = 295,
}

/** open(2) flags (i386 values). */
export const O_RDONLY: u32 = 0;
export const O_WRONLY: u32 = 1;
export const O_RDWR: u32 = 2;
export const O_CREAT: u32 = 0x40;
export const O_EXCL: u32 = 0x80;
export const O_NOCTTY: u32 = 0x100;
export const O_TRUNC: u32 = 0x200;
export const O_APPEND: u32 = 0x400;
export const O_NONBLOCK: u32 = 0x800;
export const O_DIRECTORY: u32 = 0x10000;
export const O_NOFOLLOW: u32 = 0x20000;
export const O_CLOEXEC: u32 = 0x80000;
/** The `dirfd` of openat that means the working directory. */
export const AT_FDCWD: i32 = -100;
/** lseek whence values. */
export const SEEK_SET: u32 = 0;
export const SEEK_CUR: u32 = 1;
export const SEEK_END: u32 = 2;
/** Standard descriptors. */
export const STDIN: i32 = 0;
export const STDOUT: i32 = 1;
export const STDERR: i32 = 2;

/** The process ID. */
export function getpid(): i32 {
  return syscall(Nr.getpid, 0, 0, 0, 0, 0, 0);
}

/** The parent's process ID. */
export function getppid(): i32 {
  return syscall(Nr.getppid, 0, 0, 0, 0, 0, 0);
}

/** The real user ID. */
export function getuid(): i32 {
  return syscall(Nr.getuid32, 0, 0, 0, 0, 0, 0);
}

/** Writes `n` bytes at address `buf` to `fd`; returns the count written or -errno. */
export function writeRaw(fd: i32, buf: u32, n: u32): i32 {
  return syscall(Nr.write, u32(fd), buf, n, 0, 0, 0);
}

/** Reads up to `n` bytes into address `buf`; returns the count (0 at end of file) or -errno. */
export function readRaw(fd: i32, buf: u32, n: u32): i32 {
  return syscall(Nr.read, u32(fd), buf, n, 0, 0, 0);
}

/** Reads up to `n` bytes into `buf` from index 0. */
export function read(fd: i32, buf: u8[], n: i32): i32 {
  return readRaw(fd, addressOf(buf), u32(Math.min(n, buf.length)));
}

/** Writes the first `n` bytes of `buf`. */
export function write(fd: i32, buf: u8[], n: i32): i32 {
  return writeRaw(fd, addressOf(buf), u32(Math.min(n, buf.length)));
}

/** The program break after asking for `addr` (0 asks for the current one). */
export function brk(addr: u32): u32 {
  return u32(syscall(Nr.brk, addr, 0, 0, 0, 0, 0));
}

/** Opens `path`; returns a descriptor or -errno. */
export function open(path: string, flags: u32, mode: u32): i32 {
  return syscall(Nr.open, cString(path), flags, mode, 0, 0, 0);
}

/** Opens `path` relative to the directory `dirfd` (or AT_FDCWD). */
export function openat(dirfd: i32, path: string, flags: u32, mode: u32): i32 {
  return syscall(Nr.openat, u32(dirfd), cString(path), flags, mode, 0, 0);
}

/** Closes a descriptor. */
export function close(fd: i32): i32 {
  return syscall(Nr.close, u32(fd), 0, 0, 0, 0, 0);
}

/** Moves the file offset (32-bit offsets); returns the new offset or -errno. */
export function lseek(fd: i32, offset: i32, whence: u32): i32 {
  return syscall(Nr.lseek, u32(fd), u32(offset), whence, 0, 0, 0);
}

/** Creates a directory. */
export function mkdir(path: string, mode: u32): i32 {
  return syscall(Nr.mkdir, cString(path), mode, 0, 0, 0, 0);
}

/** Removes an empty directory. */
export function rmdir(path: string): i32 {
  return syscall(Nr.rmdir, cString(path), 0, 0, 0, 0, 0);
}

/** Removes a name from the file system. */
export function unlink(path: string): i32 {
  return syscall(Nr.unlink, cString(path), 0, 0, 0, 0, 0);
}

/** Renames `from` to `to`, replacing `to` if it exists. */
export function rename(from: string, to: string): i32 {
  return syscall(Nr.rename, cString(from), cString(to), 0, 0, 0, 0);
}

/** Changes the working directory. */
export function chdir(path: string): i32 {
  return syscall(Nr.chdir, cString(path), 0, 0, 0, 0, 0);
}

/** Checks access to `path` (mode: 0 exists, 1 execute, 2 write, 4 read). */
export function access(path: string, mode: u32): i32 {
  return syscall(Nr.access, cString(path), mode, 0, 0, 0, 0);
}

/** Duplicates a descriptor onto the lowest free number. */
export function dup(fd: i32): i32 {
  return syscall(Nr.dup, u32(fd), 0, 0, 0, 0, 0);
}

/** Duplicates `fd` onto `to`, closing `to` first. */
export function dup2(fd: i32, to: i32): i32 {
  return syscall(Nr.dup2, u32(fd), u32(to), 0, 0, 0, 0);
}

/** Creates a pipe: `fds[0]` becomes the read end and `fds[1]` the write end (`fds` needs two elements). */
export function pipe(fds: i32[]): i32 {
  if (fds.length < 2) return -22;
  return syscall(Nr.pipe, addressOf(fds), 0, 0, 0, 0, 0);
}

/** Sets the file-creation mask; returns the previous one. */
export function umask(mask: u32): i32 {
  return syscall(Nr.umask, mask, 0, 0, 0, 0, 0);
}

/** Device control: `arg` is an address or a value, as the request defines. */
export function ioctl(fd: i32, request: u32, arg: u32): i32 {
  return syscall(Nr.ioctl, u32(fd), request, arg, 0, 0, 0);
}

/** Ends the process (every thread) with `code`. */
export function exit(code: i32): never {
  for (;;) syscall(Nr.exitGroup, u32(code), 0, 0, 0, 0, 0);
}
