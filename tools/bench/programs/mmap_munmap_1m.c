/* Mapping and unmapping 1 MiB of anonymous memory that is never touched. ns per mmap2+munmap. */
#include "bench.h"

#define SIZE (1024 * 1024)

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("mmap_munmap_1m", argc, argv);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) {
    i32 addr = sys_mmap_anon(SIZE);
    if (SYS_FAILED(addr)) bench_fail("mmap_munmap_1m", "mmap2", addr);
    i32 r = sys_munmap(addr, SIZE);
    if (r != 0) bench_fail("mmap_munmap_1m", "munmap", r);
  }
  bench_report("mmap_munmap_1m", n, now_ns() - t0);
  return 0;
}
