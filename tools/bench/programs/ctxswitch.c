/*
 * Context-switch latency, measured as lmbench's lat_ctx does for two processes: the pipe
 * ping-pong round trip, less the cost of the same writes and reads done by one process
 * without blocking, halved (a round trip switches twice). ns per switch, including the wakeup
 * and the scheduler's choice.
 */
#include "pipe_ring.h"

/** ns for `n` write+read pairs of one byte through a pipe, in this process alone. */
static u64 pipe_overhead(u32 n) {
  i32 fds[2], r;
  char c = 'x';
  if ((r = sys_pipe(fds)) != 0) bench_fail("ctxswitch", "pipe", r);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) {
    if ((r = sys_write(fds[1], &c, 1)) != 1) bench_fail("ctxswitch", "write", r);
    if ((r = sys_read(fds[0], &c, 1)) != 1) bench_fail("ctxswitch", "read", r);
  }
  u64 ns = now_ns() - t0;
  sys_close(fds[0]);
  sys_close(fds[1]);
  return ns;
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("ctxswitch", argc, argv);
  u64 overhead = pipe_overhead(n);
  u64 ring = ring_round_trips("ctxswitch", n);
  // Per round trip: two switches and twice the single-process write+read pair.
  u64 switches = ring > 2 * overhead ? ring - 2 * overhead : 0;
  bench_report("ctxswitch", 2 * n, switches);
  return 0;
}
