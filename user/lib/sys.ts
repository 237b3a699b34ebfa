/**
 * The Linux i386 system calls OpenOS programs use, as typed functions over the `syscall`
 * intrinsic. Results are the kernel's: a value, or a negative errno.
 */

/** System-call numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
export const enum Nr { exit = 1, write = 4, getpid = 20, brk = 45, getppid = 64, munmap = 91, mmap2 = 192, exit_group = 252 }

/** The process ID. */
export function getpid(): i32 {
  return syscall(Nr.getpid, 0, 0, 0, 0, 0, 0);
}

/** The parent's process ID. */
export function getppid(): i32 {
  return syscall(Nr.getppid, 0, 0, 0, 0, 0, 0);
}

/** Writes `n` bytes at address `buf` to `fd`. */
export function writeRaw(fd: i32, buf: u32, n: u32): i32 {
  return syscall(Nr.write, u32(fd), buf, n, 0, 0, 0);
}

/** The program break after asking for `addr` (0 asks for the current one). */
export function brk(addr: u32): u32 {
  return u32(syscall(Nr.brk, addr, 0, 0, 0, 0, 0));
}
