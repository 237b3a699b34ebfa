/*
 * Runs every benchmark program, one after the other, each as a child process executed from the
 * directory this program is in:
 *
 *     all [percent [test...]]
 *
 * Each test runs its default iteration count scaled by `percent` (default 100, at least one
 * iteration). Prints the programs' `bench` lines, `bench <name> failed <wait status>` for a
 * program that does not exit with 0, and finally `bench done <tests> tests, <failed> failed`;
 * exits with the number of failures.
 */
#include "bench.h"

/** Each test and its default iteration count (about a second or two under QEMU TCG). */
static const struct { const char *name; u32 iterations; } tests[] = {
  { "getpid_int80", 200000 },
  { "getpid_vsyscall", 200000 },
  { "fork_exit_wait", 2000 },
  { "fork_execve_wait", 1000 },
  { "pipe_pingpong", 20000 },
  { "ctxswitch", 20000 },
  { "sse_pingpong", 20000 },
  { "pipe_64k", 2000 },
  { "page_fault", 32768 },
  { "mmap_munmap_1m", 20000 },
  { "open_close", 50000 },
};
#define NTESTS (sizeof tests / sizeof tests[0])

static int str_eq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

/** Runs `dir/name count`; its wait status, or -errno when it could not be started. */
static i32 run(const char *dir, u32 dir_len, const char *name, u32 count, char **envp) {
  char path[256], arg[12];
  u32 len = 0, name_len = str_len(name);
  if (dir_len + 1 + name_len >= sizeof path) return -36; // -ENAMETOOLONG
  for (u32 i = 0; i < dir_len; i++) path[len++] = dir[i];
  path[len++] = '/';
  for (u32 i = 0; i <= name_len; i++) path[len++] = name[i];
  struct line l = { .len = 0 };
  put_u64(&l, count);
  for (u32 i = 0; i < l.len; i++) arg[i] = l.buf[i];
  arg[l.len] = 0;
  char *argv[] = { path, arg, 0 };
  i32 pid = sys_fork();
  if (pid < 0) return pid;
  if (pid == 0) sys_exit(-sys_execve(path, argv, envp) == 2 ? 127 : 126);
  i32 status = -1, r = sys_wait(pid, &status);
  return r == pid ? status : r;
}

int main(int argc, char **argv, char **envp) {
  u32 percent = argc >= 2 ? parse_u32(argv[1]) : 100;
  if (percent == 0) {
    static const char usage[] = "usage: all [percent [test...]]\n";
    sys_write(2, usage, sizeof usage - 1);
    return 2;
  }
  // The programs live next to this one (/bench when it was started by a bare name).
  const char *dir = "/bench";
  u32 dir_len = 6;
  if (argc > 0) {
    for (u32 i = 0; argv[0][i]; i++) if (argv[0][i] == '/') dir = argv[0], dir_len = i;
  }
  u32 ran = 0, failed = 0;
  for (u32 t = 0; t < NTESTS; t++) {
    int wanted = argc <= 2;
    for (int a = 2; a < argc; a++) wanted |= str_eq(argv[a], tests[t].name);
    if (!wanted) continue;
    u32 count = (u32)div64((u64)tests[t].iterations * percent, 100, 0);
    i32 status = run(dir, dir_len, tests[t].name, count > 0 ? count : 1, envp);
    ran++;
    if (status != 0) {
      struct line l = { .len = 0 };
      put_str(&l, "bench ");
      put_str(&l, tests[t].name);
      put_str(&l, " failed ");
      put_i32(&l, status);
      emit(&l, 1);
      failed++;
    }
  }
  struct line l = { .len = 0 };
  put_str(&l, "bench done ");
  put_u64(&l, ran);
  put_str(&l, " tests, ");
  put_u64(&l, failed);
  put_str(&l, " failed");
  emit(&l, 1);
  return (i32)failed;
}
