/*
 * A one-byte token passed back and forth between two processes through two pipes: the parent
 * writes to the child and reads its answer. Each round trip is two writes, two reads, two
 * wakeups and two context switches on one CPU. Used by pipe_pingpong, ctxswitch and
 * sse_pingpong (which sets `ring_work`).
 */
#ifndef BENCH_PIPE_RING_H
#define BENCH_PIPE_RING_H
#include "bench.h"

static i32 ring_to_child[2], ring_to_parent[2];
/** Work both processes do in every round before passing the token on (0: none). */
static void (*ring_work)(void);

static i32 ring_child(i32 rounds) {
  char c;
  sys_close(ring_to_child[1]);
  sys_close(ring_to_parent[0]);
  for (i32 i = 0; i < rounds; i++) {
    if (sys_read(ring_to_child[0], &c, 1) != 1) return 1;
    if (ring_work) ring_work();
    if (sys_write(ring_to_parent[1], &c, 1) != 1) return 2;
  }
  return 0;
}

/** ns for `rounds` round trips of the token (after one warm-up round), the child reaped. */
static u64 ring_round_trips(const char *name, u32 rounds) {
  i32 r;
  if ((r = sys_pipe(ring_to_child)) != 0 || (r = sys_pipe(ring_to_parent)) != 0) bench_fail(name, "pipe", r);
  i32 pid = spawn_child(name, ring_child, (i32)rounds + 1);
  sys_close(ring_to_child[0]);
  sys_close(ring_to_parent[1]);
  char c = 'x';
  u64 t0 = 0;
  for (u32 i = 0; i <= rounds; i++) {
    if (i == 1) t0 = now_ns();
    if (ring_work) ring_work();
    if ((r = sys_write(ring_to_child[1], &c, 1)) != 1) bench_fail(name, "write", r);
    if ((r = sys_read(ring_to_parent[0], &c, 1)) != 1) bench_fail(name, "read", r);
  }
  u64 ns = now_ns() - t0;
  sys_close(ring_to_child[1]);
  sys_close(ring_to_parent[0]);
  reap_child(name, pid);
  return ns;
}

#endif
