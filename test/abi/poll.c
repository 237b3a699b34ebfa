/*
 * Waiting on several descriptors from ring 3: poll, ppoll, select and pselect6 on pipes — ready
 * and not ready, timeouts, a wakeup from another process, hang-up and error conditions, bad
 * descriptors and pointers, and a signal that ends the wait while the call's temporary mask
 * lets it in. Prints KTAP.
 */
#include "ktap.h"

#define sys5(n, a, b, c, d, e) call6(n, a, b, c, d, e, 0)
#define SYS_kill 37
#define SYS_poll 168
#define SYS_ppoll 309
#define SYS_newselect 142
#define SYS_pselect6 308
#define SYS_rt_sigaction 174
#define SYS_rt_sigprocmask 175
#define SYS_nanosleep 162
#define SYS_getppid 64
#define POLLIN 1
#define POLLOUT 4
#define POLLERR 8
#define POLLHUP 0x10
#define POLLNVAL 0x20
#define SIGUSR1 10

struct pollfd { i32 fd; short events; short revents; };
struct timeval32 { i32 tv_sec; i32 tv_usec; };

static u64 now(void) {
  struct timespec32 ts;
  sys2(SYS_clock_gettime, CLOCK_MONOTONIC, (i32)&ts);
  return (u64)(u32)ts.tv_sec * 1000000000ull + (u32)ts.tv_nsec;
}

static void sleep_ms(u32 ms) {
  struct timespec32 ts = { 0, (i32)(ms * 1000000u) };
  sys2(SYS_nanosleep, (i32)&ts, 0);
}

static volatile int handled;
static void on_usr1(int sig) { (void)sig; handled++; }

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  ktap_plan(16);
  i32 p[2];
  sys_pipe(p);
  struct pollfd pf[3] = { { p[0], POLLIN, 0 }, { -1, POLLIN, 0 }, { 99, POLLIN, 0 } };
  check(sys3(SYS_poll, (i32)pf, 1, 0) == 0 && pf[0].revents == 0, "poll with timeout 0 on an empty pipe: nothing ready");
  u64 t0 = now();
  i32 r = sys3(SYS_poll, (i32)pf, 1, 50);
  check(r == 0 && now() - t0 >= 45000000ull, "poll waits out its 50 ms timeout");
  sys_write(p[1], "x", 1);
  check(sys3(SYS_poll, (i32)pf, 3, -1) == 2 && pf[0].revents == POLLIN && pf[1].revents == 0 && pf[2].revents == POLLNVAL,
        "data makes the read end ready; fd -1 is skipped; a closed fd reports POLLNVAL");
  char c;
  sys_read(p[0], &c, 1);
  i32 child = sys_fork();
  if (child == 0) { sleep_ms(30); sys_write(p[1], "y", 1); sys_exit(0); }
  t0 = now();
  r = sys3(SYS_poll, (i32)pf, 1, 5000);
  check(r == 1 && pf[0].revents == POLLIN && now() - t0 < 4000000000ull, "a write by another process wakes a waiting poll");
  sys_wait(child, 0);
  sys_read(p[0], &c, 1);
  /* select: the same pipe through fd_sets, with the timeval updated. */
  u32 rset[8] = { 0 };
  struct timeval32 tv = { 0, 20000 };
  rset[0] = 1u << p[0];
  check(sys5(SYS_newselect, p[0] + 1, (i32)rset, 0, 0, (i32)&tv) == 0 && rset[0] == 0, "select times out with an empty set");
  sys_write(p[1], "z", 1);
  rset[0] = 1u << p[0];
  u32 wset[8] = { 0 };
  wset[0] = 1u << p[1];
  tv.tv_sec = 1; tv.tv_usec = 0;
  check(sys5(SYS_newselect, p[1] + 1, (i32)rset, (i32)wset, 0, (i32)&tv) == 2 && rset[0] == (1u << p[0]) && wset[0] == (1u << p[1]),
        "select reports the readable and the writable end");
  check(tv.tv_sec == 0 || tv.tv_sec == 1, "select leaves the time that was left in the timeval");
  u32 bad[8] = { 0 };
  bad[0] = 1u << 20;
  check(sys5(SYS_newselect, 21, (i32)bad, 0, 0, (i32)&tv) == -9, "select on a closed descriptor fails with -EBADF");
  check(sys3(SYS_poll, (i32)pf, 0x10000000, 0) == -22, "more pollfds than RLIMIT_NOFILE: -EINVAL");
  check(sys3(SYS_poll, 0xc0000000, 1, 0) == -14, "a kernel pointer: -EFAULT");
  /* hang-up and error */
  sys_close(p[1]);
  sys_read(p[0], &c, 1);
  check(sys3(SYS_poll, (i32)pf, 1, 0) == 1 && (pf[0].revents & POLLHUP), "the read end reports POLLHUP once every writer is gone");
  i32 q[2];
  sys_pipe(q);
  sys_close(q[0]);
  struct pollfd w = { q[1], POLLOUT, 0 };
  check(sys3(SYS_poll, (i32)&w, 1, 0) == 1 && (w.revents & POLLERR), "the write end reports POLLERR once every reader is gone");
  /* ppoll with a timespec, and pselect6 letting a blocked signal in for the wait only. */
  struct timespec32 ts = { 0, 10000000 };
  i32 e[2];
  sys_pipe(e);
  struct pollfd ef = { e[0], POLLIN, 0 };
  check(sys5(SYS_ppoll, (i32)&ef, 1, (i32)&ts, 0, 8) == 0, "ppoll times out after its timespec");
  u32 act[5] = { (u32)on_usr1, 0, 0, 0, 0 };
  sys4(SYS_rt_sigaction, SIGUSR1, (i32)act, 0, 8);
  u32 block[2] = { 1u << (SIGUSR1 - 1), 0 }, old[2] = { 0, 0 }, empty[2] = { 0, 0 };
  sys4(SYS_rt_sigprocmask, 0, (i32)block, 0, 8);
  i32 parent = sys0(SYS_getpid);
  child = sys_fork();
  if (child == 0) { sleep_ms(30); sys2(SYS_kill, parent, SIGUSR1); sys_exit(0); }
  u32 sigarg[2] = { (u32)empty, 8 };
  u32 eset[8] = { 0 };
  eset[0] = 1u << e[0];
  r = call6(SYS_pselect6, e[0] + 1, (i32)eset, 0, 0, 0, (i32)sigarg);
  check(r == -4 && handled == 1, "pselect6's mask lets the blocked signal in: the handler runs and the call fails with -EINTR");
  sys4(SYS_rt_sigprocmask, 0, 0, (i32)old, 8);
  check(old[0] == block[0], "after pselect6 the signal is blocked again");
  sys_wait(child, 0);
  /* Two processes in poll at once, each with its own list: a child starts polling another pipe
   * while the parent sleeps in poll, then a second child writes to the parent's pipe. */
  i32 pa[2], pb[2], pc[2];
  sys_pipe(pa);
  sys_pipe(pb);
  sys_pipe(pc);
  struct pollfd two[2] = { { pa[0], POLLIN, 0 }, { pc[0], POLLIN, 0 } };
  i32 poller = sys_fork();
  if (poller == 0) {
    struct pollfd own = { pb[0], POLLIN, 0 };
    sleep_ms(20);
    sys_exit(sys3(SYS_poll, (i32)&own, 1, 300) == 0 && own.fd == pb[0] ? 0 : 1);
  }
  i32 writer = sys_fork();
  if (writer == 0) { sleep_ms(80); sys_write(pa[1], "z", 1); sys_exit(0); }
  t0 = now();
  r = sys3(SYS_poll, (i32)two, 2, 3000);
  i32 poller_status = -1;
  sys_wait(poller, &poller_status);
  sys_wait(writer, 0);
  check(r == 1 && two[0].fd == pa[0] && two[0].revents == POLLIN && two[1].fd == pc[0] && two[1].revents == 0 &&
        now() - t0 < 2000000000ull && poller_status == 0,
        "two processes polling at once each keep their own descriptors");
  return ktap_done("poll");
}
