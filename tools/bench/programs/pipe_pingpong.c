/* Pipe ping-pong between two processes: ns per round trip of a one-byte token. */
#include "pipe_ring.h"

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("pipe_pingpong", argc, argv);
  bench_report("pipe_pingpong", n, ring_round_trips("pipe_pingpong", n));
  return 0;
}
