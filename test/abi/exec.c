/*
 * execve with bad input, as Linux answers it: random bytes, an empty file, an ELF header that
 * is cut short, the wrong machine, absurd program headers, a directory, a file without
 * execute permission, a missing file, an argument longer than MAX_ARG_STRLEN and bad argv
 * pointers. Each must fail with its error code and leave the caller running. Prints KTAP.
 */
#include "ktap.h"

#define SYS_unlink 10
#define SYS_fchmod 94
#define O_WRONLY 1
#define O_CREAT 0x40
#define O_TRUNC 0x200

static const char *path = "/tmp/abi-exec-test";

/* Writes `n` bytes as the test file, mode 0755. */
static void write_file(const void *bytes, u32 n) {
  i32 fd = sys3(SYS_open, (i32)path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
  if (n > 0) sys_write(fd, bytes, n);
  sys2(SYS_fchmod, fd, 0755);
  sys_close(fd);
}

/* Writes `n` bytes as the test file and tries to execute it; returns execve's result. */
static i32 exec_bytes(const void *bytes, u32 n) {
  write_file(bytes, n);
  char *argv[] = { (char *)path, 0 };
  char *envp[] = { 0 };
  return sys_execve(path, argv, envp);
}

static unsigned char elf[256];

/* A minimal valid-looking i386 ELF header with one program header, to be spoiled by each case. */
static void make_elf(void) {
  for (u32 i = 0; i < sizeof elf; i++) elf[i] = 0;
  elf[0] = 0x7f; elf[1] = 'E'; elf[2] = 'L'; elf[3] = 'F';
  elf[4] = 1; elf[5] = 1; elf[6] = 1;        /* 32-bit, little-endian, version 1 */
  elf[16] = 2; elf[18] = 3; elf[20] = 1;      /* ET_EXEC, EM_386, EV_CURRENT */
  *(u32 *)(elf + 24) = 0x08048054;           /* entry */
  *(u32 *)(elf + 28) = 52;                   /* phoff */
  elf[40] = 52; elf[42] = 32; elf[44] = 1;    /* ehsize, phentsize, phnum */
  u32 *ph = (u32 *)(elf + 52);
  ph[0] = 1; ph[1] = 0; ph[2] = 0x08048000; ph[3] = 0x08048000; /* PT_LOAD at offset 0 */
  ph[4] = 0x60; ph[5] = 0x60; ph[6] = 5; ph[7] = 0x1000;       /* sizes, R+X, align */
}

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  ktap_plan(11);
  static unsigned char noise[512];
  u32 x = 12345;
  for (u32 i = 0; i < sizeof noise; i++) { x = x * 1103515245u + 12345u; noise[i] = (unsigned char)(x >> 24); }
  noise[0] = 'N'; /* not "\x7fELF", not "#!" */
  check(exec_bytes(noise, sizeof noise) == -8, "random bytes: -ENOEXEC");
  check(exec_bytes("", 0) == -8, "an empty file: -ENOEXEC");
  make_elf();
  check(exec_bytes(elf, 20) == -8, "an ELF header cut short at 20 bytes: -ENOEXEC");
  make_elf(); elf[18] = 62;
  check(exec_bytes(elf, 52 + 32) == -8, "another machine (x86-64): -ENOEXEC");
  make_elf(); elf[42] = 16;
  check(exec_bytes(elf, 52 + 32) == -8, "a program-header size that is not 32: -ENOEXEC");
  make_elf(); elf[44] = 0xff; elf[45] = 0xff;
  check(exec_bytes(elf, 52 + 32) == -8, "65535 program headers: -ENOEXEC");
  char *args[] = { (char *)"/bin/nothing-here", 0 };
  char *env[] = { 0 };
  check(sys_execve("/tmp", args, env) == -13, "a directory: -EACCES");
  i32 fd = sys3(SYS_open, (i32)path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  sys2(SYS_fchmod, fd, 0644);
  sys_close(fd);
  check(sys_execve(path, args, env) == -13, "a file without execute permission: -EACCES");
  check(sys_execve("/nonexistent/program", args, env) == -2, "a missing file: -ENOENT");
  /* One argument longer than MAX_ARG_STRLEN (32 pages). */
  i32 big = sys_mmap_anon(200 * 1024);
  char *s = (char *)big;
  for (u32 i = 0; i < 200 * 1024 - 1; i++) s[i] = 'a';
  s[200 * 1024 - 1] = 0;
  char *bigargs[] = { (char *)"x", s, 0 };
  make_elf();
  write_file(elf, 52 + 32); /* the arguments are refused before the file is looked at */
  check(sys_execve(path, bigargs, env) == -7, "an argument of 200 KiB: -E2BIG");
  check(sys_execve(path, (char **)0xc0000000, env) == -14, "argv at a kernel address: -EFAULT");
  sys1(SYS_unlink, (i32)path);
  return ktap_done("exec");
}
