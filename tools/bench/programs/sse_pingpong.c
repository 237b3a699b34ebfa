/*
 * Pipe ping-pong between two processes that both compute with SSE registers in every round, as
 * programs that use SSE for memcpy or arithmetic do: ns per round trip. Against pipe_pingpong
 * (the same round trip with the unit untouched) it shows what switching the FPU/SSE state costs
 * when both sides use it: switched eagerly, it is saved and restored at every switch anyway;
 * lazily, each side's first SSE instruction after a switch traps (#NM) to get its registers back.
 */
#include "pipe_ring.h"

static const float increments[32] __attribute__((aligned(16))) = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
};

/** xmm0-7 += 128 bytes of increments: every register is read and written, and carries over between rounds. */
static void add_to_xmm(void) {
  __asm__ volatile("addps 0(%0), %%xmm0\n\taddps 16(%0), %%xmm1\n\taddps 32(%0), %%xmm2\n\taddps 48(%0), %%xmm3\n\t"
                   "addps 64(%0), %%xmm4\n\taddps 80(%0), %%xmm5\n\taddps 96(%0), %%xmm6\n\taddps 112(%0), %%xmm7"
                   : : "r"(increments) : "memory");
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("sse_pingpong", argc, argv);
  ring_work = add_to_xmm;
  bench_report("sse_pingpong", n, ring_round_trips("sse_pingpong", n));
  return 0;
}
