/* The null system call through the fastest entry the kernel offers: the AT_SYSINFO function of
   the auxiliary vector (sysenter on OpenOS; __kernel_vsyscall in Linux's vDSO). ns per call. */
#include "bench.h"

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("getpid_vsyscall", argc, argv);
  if (sysinfo_entry == 0) bench_fail("getpid_vsyscall", "no AT_SYSINFO in the auxiliary vector", 0);
  i32 pid = vsys0(SYS_getpid);
  if (pid != sys0(SYS_getpid)) bench_fail("getpid_vsyscall", "getpid through AT_SYSINFO returned", pid);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) vsys0(SYS_getpid);
  bench_report("getpid_vsyscall", n, now_ns() - t0);
  return 0;
}
