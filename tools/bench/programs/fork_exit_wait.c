/* Process creation and teardown: fork, the child exits at once, the parent waits for it.
   ns per fork+exit+wait. */
#include "bench.h"

static i32 child(i32 arg) {
  return arg;
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("fork_exit_wait", argc, argv);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) reap_child("fork_exit_wait", spawn_child("fork_exit_wait", child, 0));
  bench_report("fork_exit_wait", n, now_ns() - t0);
  return 0;
}
