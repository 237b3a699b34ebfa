/* Anonymous page faults: the first write to each page of fresh anonymous mappings (4 MiB at a
   time, unmapped again between batches). ns per fault; only the writes are timed. */
#include "bench.h"

#define BATCH_PAGES 1024u

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("page_fault", argc, argv);
  u64 ns = 0;
  for (u32 done = 0; done < n;) {
    u32 pages = n - done < BATCH_PAGES ? n - done : BATCH_PAGES;
    i32 addr = sys_mmap_anon(pages * 4096);
    if (SYS_FAILED(addr)) bench_fail("page_fault", "mmap2", addr);
    volatile char *p = (volatile char *)addr;
    u64 t0 = now_ns();
    for (u32 i = 0; i < pages; i++) p[i * 4096] = 1;
    ns += now_ns() - t0;
    for (u32 i = 0; i < pages; i++)
      if (p[i * 4096] != 1) bench_fail("page_fault", "page lost its byte", (i32)i);
    i32 r = sys_munmap(addr, pages * 4096);
    if (r != 0) bench_fail("page_fault", "munmap", r);
    done += pages;
  }
  bench_report("page_fault", n, ns);
  return 0;
}
