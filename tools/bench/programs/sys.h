/*
 * The Linux i386 system-call ABI for the benchmark programs, with no libc: the process entry
 * (_start reads argc, argv, envp and the auxiliary vector from the initial stack), system calls
 * through `int $0x80`, and through the AT_SYSINFO entry of the auxiliary vector (the vsyscall
 * page of OpenOS, __kernel_vsyscall in Linux's vDSO), which takes the same registers.
 *
 * These programs are the ones `npm run bench` runs on OpenOS and on Linux alike, so they use
 * nothing but Linux's numbers and structures.
 */
#ifndef BENCH_SYS_H
#define BENCH_SYS_H

typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;

enum {
  SYS_exit = 1, SYS_fork = 2, SYS_read = 3, SYS_write = 4, SYS_open = 5, SYS_close = 6,
  SYS_execve = 11, SYS_getpid = 20, SYS_pipe = 42, SYS_munmap = 91, SYS_wait4 = 114,
  SYS_mmap2 = 192, SYS_exit_group = 252, SYS_clock_gettime = 265,
};

enum { O_RDONLY = 0, PROT_READ = 1, PROT_WRITE = 2, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20, CLOCK_MONOTONIC = 1 };
/** A negative errno comes back as an unsigned value in [-4095, -1]. */
#define SYS_FAILED(r) ((u32)(r) > (u32)-4096)

static inline i32 sys0(i32 n) {
  i32 r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n) : "memory", "cc");
  return r;
}
static inline i32 sys1(i32 n, i32 a) {
  i32 r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory", "cc");
  return r;
}
static inline i32 sys2(i32 n, i32 a, i32 b) {
  i32 r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b) : "memory", "cc");
  return r;
}
static inline i32 sys3(i32 n, i32 a, i32 b, i32 c) {
  i32 r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory", "cc");
  return r;
}
static inline i32 sys4(i32 n, i32 a, i32 b, i32 c, i32 d) {
  i32 r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d) : "memory", "cc");
  return r;
}
/* The sixth argument goes in %ebp, which gcc may be using: it is pushed, loaded and restored
   around the call (the operand is read before the push moves %esp). */
static inline i32 sys6(i32 n, i32 a, i32 b, i32 c, i32 d, i32 e, i32 f) {
  i32 r;
  __asm__ volatile("pushl %7\n\tpush %%ebp\n\tmov 4(%%esp), %%ebp\n\tint $0x80\n\tpop %%ebp\n\tadd $4, %%esp"
                   : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "g"(f) : "memory", "cc");
  return r;
}

/** The AT_SYSINFO entry (0 when the kernel offers none); set by _start. */
static u32 sysinfo_entry;

/** A system call without arguments through AT_SYSINFO; the entry preserves every register but %eax. */
static inline i32 vsys0(i32 n) {
  i32 r;
  __asm__ volatile("call *%1" : "=a"(r) : "m"(sysinfo_entry), "0"(n) : "memory", "cc");
  return r;
}

static inline __attribute__((noreturn)) void sys_exit(i32 code) {
  for (;;) sys1(SYS_exit_group, code);
}
static inline i32 sys_fork(void) { return sys0(SYS_fork); }
static inline i32 sys_read(i32 fd, void *buf, u32 n) { return sys3(SYS_read, fd, (i32)buf, (i32)n); }
static inline i32 sys_write(i32 fd, const void *buf, u32 n) { return sys3(SYS_write, fd, (i32)buf, (i32)n); }
static inline i32 sys_open(const char *path, i32 flags) { return sys3(SYS_open, (i32)path, flags, 0); }
static inline i32 sys_close(i32 fd) { return sys1(SYS_close, fd); }
static inline i32 sys_pipe(i32 fds[2]) { return sys1(SYS_pipe, (i32)fds); }
static inline i32 sys_execve(const char *path, char *const argv[], char *const envp[]) {
  return sys3(SYS_execve, (i32)path, (i32)argv, (i32)envp);
}
/** wait4(pid, &status, 0, NULL). */
static inline i32 sys_wait(i32 pid, i32 *status) { return sys4(SYS_wait4, pid, (i32)status, 0, 0); }
/** An anonymous private read-write mapping of `len` bytes; a negative errno on failure. */
static inline i32 sys_mmap_anon(u32 len) {
  return sys6(SYS_mmap2, 0, (i32)len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}
static inline i32 sys_munmap(i32 addr, u32 len) { return sys2(SYS_munmap, addr, (i32)len); }

/** struct timespec with the 32-bit time_t of clock_gettime (265). */
struct timespec32 { i32 tv_sec; i32 tv_nsec; };

int main(int argc, char **argv, char **envp);

/** Called by _start with the initial stack: argc, argv[], NULL, envp[], NULL, auxv pairs. */
__attribute__((used, noreturn)) static void start_c(u32 *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  u32 *p = (u32 *)envp;
  while (*p != 0) p++;
  for (p++; p[0] != 0; p += 2)
    if (p[0] == 32 /* AT_SYSINFO */) sysinfo_entry = p[1];
  sys_exit(main(argc, argv, envp));
}

__asm__(".globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %esp, %eax\n\tand $-16, %esp\n\tsub $12, %esp\n"
        "\tpush %eax\n\tcall start_c\n\thlt\n");

#endif
