/* Starting a program: fork, the child executes /bench/nop (or the path given after the count),
   the parent waits for it. ns per fork+execve+wait. */
#include "bench.h"

static const char *target = "/bench/nop";
static char **environment;

static i32 child(i32 arg) {
  (void)arg;
  char *argv[] = { (char *)target, 0 };
  return -sys_execve(target, argv, environment);
}

int main(int argc, char **argv, char **envp) {
  environment = envp;
  if (argc == 3) {
    target = argv[2];
    argc = 2;
  }
  u32 n = bench_iterations("fork_execve_wait", argc, argv);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) reap_child("fork_execve_wait", spawn_child("fork_execve_wait", child, 0));
  bench_report("fork_execve_wait", n, now_ns() - t0);
  return 0;
}
