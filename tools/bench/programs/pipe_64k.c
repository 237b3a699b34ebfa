/* Pipe throughput: the parent writes 64 KiB blocks into a pipe, a child reads them out in 64 KiB
   reads (taking whatever each read returns). ns per 64 KiB moved, from the first write until the
   reader has read everything and is reaped. */
#include "bench.h"

#define BLOCK (64 * 1024)

static char buf[BLOCK];
static i32 fds[2];

static i32 reader(i32 blocks) {
  u64 want = (u64)(u32)blocks * BLOCK, got = 0;
  sys_close(fds[1]);
  while (got < want) {
    i32 r = sys_read(fds[0], buf, BLOCK);
    if (r <= 0) return 1;
    got += (u32)r;
  }
  return sys_read(fds[0], buf, 1) == 0 ? 0 : 2; // then end of file
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 n = bench_iterations("pipe_64k", argc, argv);
  i32 r;
  for (u32 i = 0; i < BLOCK; i += 4096) buf[i] = (char)i; // fault the buffer in before timing
  if ((r = sys_pipe(fds)) != 0) bench_fail("pipe_64k", "pipe", r);
  i32 pid = spawn_child("pipe_64k", reader, (i32)n);
  sys_close(fds[0]);
  u64 t0 = now_ns();
  for (u32 i = 0; i < n; i++) {
    for (u32 done = 0; done < BLOCK; done += (u32)r)
      if ((r = sys_write(fds[1], buf + done, BLOCK - done)) <= 0) bench_fail("pipe_64k", "write", r);
  }
  sys_close(fds[1]);
  reap_child("pipe_64k", pid);
  bench_report("pipe_64k", n, now_ns() - t0);
  return 0;
}
