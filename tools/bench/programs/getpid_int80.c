/* The null system call: getpid through `int $0x80`. ns per call. */
#include "bench.h"

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("getpid_int80", argc, argv);
  i32 pid = sys0(SYS_getpid);
  if (pid <= 0) bench_fail("getpid_int80", "getpid", pid);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) sys0(SYS_getpid);
  bench_report("getpid_int80", n, now_ns() - t0);
  return 0;
}
