/* Path lookup and file-table work: open(2) of an existing file read-only, then close(2).
   The file is /bench/nop unless a path follows the count. ns per open+close. */
#include "bench.h"

int main(int argc, char **argv, char **envp) {
  (void)envp;
  const char *path = "/bench/nop";
  if (argc == 3) {
    path = argv[2];
    argc = 2;
  }
  u32 n = bench_iterations("open_close", argc, argv);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) {
    i32 fd = sys_open(path, O_RDONLY);
    if (fd < 0) bench_fail("open_close", "open", fd);
    i32 r = sys_close(fd);
    if (r != 0) bench_fail("open_close", "close", r);
  }
  bench_report("open_close", n, now_ns() - t0);
  return 0;
}
