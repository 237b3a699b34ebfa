/*
 * Threads from ring 3 the way C libraries make them: clone with glibc's thread flags on stacks
 * of our own (TLS slot, parent/child tid words, clear_child_tid joins), shared memory, file
 * table and working directory; futex wait/wake (private and shared), timeouts (relative,
 * absolute, CLOCK_REALTIME, futex_time64), requeue, wake-op, a restarted wait; the robust list
 * at thread exit; signals to the process and to one thread; exit_group ending a sleeping
 * thread, a leader exiting before its last thread, a fatal signal to a threaded process,
 * execve from a thread; fork-like, vfork-like and exit-signal-0 clones; bad pointers and
 * flags. Only the first process's main thread prints; threads and children report through
 * memory and exit statuses. Prints KTAP.
 */
#include "ktap.h"
#include "thread_spawn.h"

#define SYS_chdir 12
#define SYS_kill 37
#define SYS_nanosleep 162
#define SYS_rt_sigaction 174
#define SYS_rt_sigprocmask 175
#define SYS_getcwd 183
#define SYS_gettid 224
#define SYS_tkill 238
#define SYS_futex 240
#define SYS_set_thread_area 243
#define SYS_tgkill 270
#define SYS_set_robust_list 311
#define SYS_futex_time64 422
#define SYS_clone 120
#define SYS_getppid 64

#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_VFORK 0x4000
#define CLONE_THREAD 0x10000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_CHILD_SETTID 0x1000000
/* What glibc's pthread_create passes (less CLONE_SETTLS, added where a test wants its own TLS). */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | \
                      CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u

#define SIGUSR1 10
#define SIGUSR2 12
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SA_RESTART 0x10000000u
#define WNOHANG 1
#define WALL 0x40000000

#define EINTR 4
#define ESRCH 3
#define ECHILD 10
#define EAGAIN 11
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38
#define ETIMEDOUT 110

#define STACK_BYTES 16384
static char stacks[6][STACK_BYTES] __attribute__((aligned(16)));
static void *stack_top(int i) { return stacks[i] + STACK_BYTES; }

static i32 futex(volatile i32 *uaddr, i32 op, i32 val, const void *timeout, volatile i32 *uaddr2, i32 val3) {
  return call6(SYS_futex, (i32)uaddr, op, val, (i32)timeout, (i32)uaddr2, val3);
}
static i32 gettid(void) { return sys0(SYS_gettid); }
static i32 getpid(void) { return sys0(SYS_getpid); }

static u64 clock_ns(i32 clock) {
  struct timespec32 ts;
  sys2(SYS_clock_gettime, clock, (i32)&ts);
  return (u64)(u32)ts.tv_sec * 1000000000ull + (u32)ts.tv_nsec;
}
static u64 now(void) { return clock_ns(CLOCK_MONOTONIC); }
static void sleep_ms(u32 ms) {
  struct timespec32 ts = { (i32)(ms / 1000), (i32)((ms % 1000) * 1000000u) };
  sys2(SYS_nanosleep, (i32)&ts, 0);
}
/* The time `ms` milliseconds from now on `clock`, as an absolute timespec. */
static struct timespec32 after_ms(i32 clock, u32 ms) {
  struct timespec32 ts;
  sys2(SYS_clock_gettime, clock, (i32)&ts);
  ts.tv_nsec += (i32)(ms * 1000000u);
  while (ts.tv_nsec >= 1000000000) { ts.tv_nsec -= 1000000000; ts.tv_sec++; }
  return ts;
}

/* Waits (shared futex, as pthread_join does) until the kernel clears *ctid at the thread's exit; false after ~10 s. */
static int join(volatile i32 *ctid) {
  struct timespec32 slice = { 0, 200000000 };
  for (int i = 0; i < 50; i++) {
    i32 v = *ctid;
    if (v == 0) return 1;
    futex(ctid, FUTEX_WAIT, v, &slice, 0, 0);
  }
  return *ctid == 0;
}

/* Wakes one waiter on `w`, retrying until one was asleep there (the waiter may not have got there yet). */
static i32 wake_one(volatile i32 *w, i32 op) {
  for (int i = 0; i < 500; i++) {
    i32 r = futex(w, op, 1, 0, 0, 0);
    if (r != 0) return r;
    sleep_ms(2);
  }
  return 0;
}

static int streq(const char *a, const char *b) {
  while (*a && *a == *b) { a++; b++; }
  return *a == *b;
}
static u32 atou(const char *s) { u32 v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (u32)(*s++ - '0'); return v; }
static char *utoa(char *p, u32 v) { char d[12]; int n = 0; do { d[n++] = (char)('0' + v % 10); v /= 10; } while (v); while (n) *p++ = d[--n]; *p = 0; return p; }

/* ---- the first thread: identities, TLS, shared memory, fds and cwd, CLONE_CHILD_SETTID ---- */

struct user_desc { i32 entry_number; u32 base_addr; u32 limit; u32 flags; };
#define DESC_FLAGS ((1u << 0) | (1u << 4) | (1u << 6))
static u32 tls_main[4] = { 0xaaaa0001 }, tls_thread[4] = { 0xbbbb0002 };
static i32 tls_entry;
static u32 gs_word0(void) { u32 v; __asm__ volatile("movl %%gs:0, %0" : "=r"(v)); return v; }
static void load_gs(u32 sel) { __asm__ volatile("movl %0, %%gs" : : "r"(sel)); }

static volatile i32 ptid1, ctid1, t1_tid, t1_pid, t1_settid, t1_fd0 = -1, t1_fd1 = -1;
static volatile u32 t1_gs;
static volatile i32 shared_counter;

static i32 first_thread(void *arg) {
  t1_tid = gettid();
  t1_pid = getpid();
  t1_settid = ctid1; /* CLONE_CHILD_SETTID stored the tid here before the thread ran */
  load_gs(((u32)tls_entry << 3) | 3);
  t1_gs = gs_word0();
  shared_counter += (i32)arg;
  i32 fds[2];
  if (sys_pipe(fds) == 0) { t1_fd0 = fds[0]; t1_fd1 = fds[1]; }
  sys1(SYS_chdir, (i32)"/");
  return 0;
}

static void test_first_thread(void) {
  struct user_desc d = { -1, (u32)tls_main, 0xfffff, DESC_FLAGS };
  sys1(SYS_set_thread_area, (i32)&d);
  tls_entry = d.entry_number;
  load_gs(((u32)tls_entry << 3) | 3);
  struct user_desc td = { tls_entry, (u32)tls_thread, 0xfffff, DESC_FLAGS };
  shared_counter = 1;
  ctid1 = -1; /* the kernel stores the tid here as the thread starts, and 0 when it ends */
  i32 tid = thread_spawn(THREAD_FLAGS | CLONE_SETTLS | CLONE_CHILD_SETTID, stack_top(0), first_thread, (void *)41, &ptid1, &td, &ctid1);
  check(tid > 0 && ptid1 == tid, "clone with glibc's thread flags returns the tid, also stored at parent_tid");
  check(join(&ctid1), "CLONE_CHILD_CLEARTID: the kernel clears the tid word at thread exit and wakes the joiner");
  check(t1_tid == tid && t1_tid != getpid() && t1_pid == getpid(), "in the thread gettid() is its own tid and getpid() the process's");
  check(t1_settid == tid, "CLONE_CHILD_SETTID stores the tid in the child's memory before it runs");
  check(shared_counter == 42, "the thread shares the memory it was cloned from");
  check(t1_gs == 0xbbbb0002 && gs_word0() == 0xaaaa0001, "CLONE_SETTLS gives the thread its own TLS segment; the caller keeps its own");
  char c = 0;
  int fds_ok = t1_fd1 >= 0 && sys_write(t1_fd1, "t", 1) == 1 && sys_read(t1_fd0, &c, 1) == 1 && c == 't';
  check(fds_ok && sys_close(t1_fd0) == 0 && sys_close(t1_fd1) == 0, "a pipe the thread opened is usable (and closable) from the main thread: CLONE_FILES");
  char cwd[64];
  check(sys2(SYS_getcwd, (i32)cwd, sizeof cwd) == 2 && cwd[0] == '/' && cwd[1] == 0, "the thread's chdir(\"/\") moved the main thread too: CLONE_FS");
}

/* ---- futexes ---- */

static volatile i32 word_a, word_b, word_c;
static volatile i32 ctids[4], waiter_result[4], waiters_started;

static i32 wait_on_a(void *arg) {
  i32 i = (i32)arg;
  __atomic_add_fetch(&waiters_started, 1, __ATOMIC_SEQ_CST);
  waiter_result[i] = futex(&word_a, FUTEX_WAIT | FUTEX_PRIVATE, 0, 0, 0, 0);
  return 0;
}

static void test_futex_basics(void) {
  word_a = 0;
  check(futex(&word_a, FUTEX_WAIT | FUTEX_PRIVATE, 1, 0, 0, 0) == -EAGAIN, "FUTEX_WAIT when the word differs: -EAGAIN");
  struct timespec32 rel = { 0, 30000000 };
  u64 t0 = now();
  i32 r = futex(&word_a, FUTEX_WAIT | FUTEX_PRIVATE, 0, &rel, 0, 0);
  check(r == -ETIMEDOUT && now() - t0 >= 25000000ull, "FUTEX_WAIT times out after its relative timeout: -ETIMEDOUT");
  struct timespec32 abs = after_ms(CLOCK_MONOTONIC, 30);
  t0 = now();
  r = futex(&word_a, FUTEX_WAIT_BITSET | FUTEX_PRIVATE, 0, &abs, 0, -1);
  check(r == -ETIMEDOUT && now() - t0 >= 25000000ull, "FUTEX_WAIT_BITSET times out at its absolute CLOCK_MONOTONIC time");
  abs = after_ms(0, 30);
  t0 = now();
  r = futex(&word_a, FUTEX_WAIT_BITSET | FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &abs, 0, -1);
  check(r == -ETIMEDOUT && now() - t0 >= 20000000ull, "FUTEX_CLOCK_REALTIME: the absolute time is on the wall clock");
  struct { u32 lo, hi; i32 nsec, pad; } rel64 = { 0, 0, 20000000, 0 };
  t0 = now();
  r = call6(SYS_futex_time64, (i32)&word_a, FUTEX_WAIT | FUTEX_PRIVATE, 0, (i32)&rel64, 0, 0);
  check(r == -ETIMEDOUT && now() - t0 >= 15000000ull, "futex_time64 takes a 64-bit timespec");

  /* One waiter, one wake. */
  waiters_started = 0;
  ctids[0] = 1;
  thread_spawn(THREAD_FLAGS, stack_top(1), wait_on_a, (void *)0, &ctids[0], 0, &ctids[0]);
  check(wake_one(&word_a, FUTEX_WAKE | FUTEX_PRIVATE) == 1, "FUTEX_WAKE wakes the thread waiting on the word and says so");
  check(join(&ctids[0]) && waiter_result[0] == 0, "the woken FUTEX_WAIT returns 0");
  /* Private and shared keys are separate, as on Linux: a private waiter is not woken by a shared wake. */
  ctids[0] = 1;
  waiter_result[0] = 99;
  thread_spawn(THREAD_FLAGS, stack_top(1), wait_on_a, (void *)0, &ctids[0], 0, &ctids[0]);
  while (waiters_started < 2) sleep_ms(1);
  sleep_ms(20);
  i32 shared_wake = futex(&word_a, FUTEX_WAKE, 1, 0, 0, 0);
  i32 private_wake = wake_one(&word_a, FUTEX_WAKE | FUTEX_PRIVATE);
  check(shared_wake == 0 && private_wake == 1 && join(&ctids[0]), "a shared FUTEX_WAKE does not wake a private waiter; a private one does");

  /* Requeue: three waiters on A, moved to B, then woken from B. */
  waiters_started = 0;
  for (int i = 1; i <= 3; i++) {
    ctids[i] = 1;
    waiter_result[i] = 99;
    thread_spawn(THREAD_FLAGS, stack_top(i + 1), wait_on_a, (void *)i, &ctids[i], 0, &ctids[i]);
  }
  check(futex(&word_a, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE, 0, (void *)1, &word_b, 5) == -EAGAIN,
        "FUTEX_CMP_REQUEUE with a stale value: -EAGAIN");
  i32 moved = 0;
  for (int i = 0; i < 500 && moved < 3; i++) {
    moved += futex(&word_a, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE, 0, (void *)0x7fffffff, &word_b, 0);
    if (moved < 3) sleep_ms(2);
  }
  check(moved == 3, "FUTEX_CMP_REQUEUE moves the three waiters of A to B (waking none)");
  check(futex(&word_a, FUTEX_WAKE | FUTEX_PRIVATE, 10, 0, 0, 0) == 0, "nothing waits on A any more");
  i32 one = futex(&word_b, FUTEX_WAKE | FUTEX_PRIVATE, 1, 0, 0, 0);
  i32 rest = futex(&word_b, FUTEX_WAKE | FUTEX_PRIVATE, 0x7fffffff, 0, 0, 0);
  int joined = join(&ctids[1]) && join(&ctids[2]) && join(&ctids[3]);
  check(one == 1 && rest == 2 && joined && waiter_result[1] == 0 && waiter_result[2] == 0 && waiter_result[3] == 0,
        "FUTEX_WAKE on B wakes one, then the other two, and their waits return 0");

  /* Wake-op: word_c |= 1 << 4, wake the waiter of A, and B's (none) when the old value was 0. */
  word_c = 1;
  ctids[0] = 1;
  waiter_result[0] = 99;
  thread_spawn(THREAD_FLAGS, stack_top(1), wait_on_a, (void *)0, &ctids[0], 0, &ctids[0]);
  u32 op = (2u << 28) | (8u << 28) | (0u << 24) | (4u << 12) | 1u; /* OR with OPARG_SHIFT 4; cmp EQ 1 */
  i32 woken = 0;
  for (int i = 0; i < 500 && woken == 0; i++) {
    woken = futex(&word_a, FUTEX_WAKE_OP | FUTEX_PRIVATE, 1, (void *)1, &word_c, (i32)op);
    if (woken == 0) sleep_ms(2);
  }
  check(woken == 1 && (word_c & 0x10) && join(&ctids[0]) && waiter_result[0] == 0,
        "FUTEX_WAKE_OP changes the second word (OR 1<<4) and wakes the waiter of the first");

  check(futex((volatile i32 *)0xc0000000, FUTEX_WAKE, 1, 0, 0, 0) == -EFAULT, "a futex at a kernel address: -EFAULT");
  check(futex((volatile i32 *)0x1000, FUTEX_WAIT, 0, 0, 0, 0) == -EFAULT, "FUTEX_WAIT on unmapped memory: -EFAULT");
  check(futex((volatile i32 *)((char *)&word_a + 1), FUTEX_WAKE, 1, 0, 0, 0) == -EINVAL, "an unaligned futex: -EINVAL");
  check(futex(&word_a, FUTEX_WAIT, 0, (void *)0xc0000000, 0, 0) == -EFAULT, "a timeout at a kernel address: -EFAULT");
  check(futex(&word_a, 99, 0, 0, 0, 0) == -ENOSYS && futex(&word_a, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, 0, 0, 0) == -ENOSYS,
        "an unknown operation, and FUTEX_CLOCK_REALTIME on a wake: -ENOSYS");
  check(futex(&word_a, FUTEX_WAIT_BITSET, 0, 0, 0, 0) == -EINVAL, "FUTEX_WAIT_BITSET with an empty bitset: -EINVAL");
}

/* ---- the robust list ---- */

struct robust_list { struct robust_list *next; };
struct robust_head { struct robust_list list; i32 futex_offset; struct robust_list *pending; };
struct robust_mutex { struct robust_list link; volatile u32 lock; };
static struct robust_mutex rmutex;
static struct robust_head rhead;
static volatile i32 rctid;

static i32 dies_holding_lock(void *arg) {
  (void)arg;
  rhead.list.next = &rmutex.link;
  rhead.futex_offset = (i32)((char *)&rmutex.lock - (char *)&rmutex.link);
  rhead.pending = 0;
  rmutex.link.next = &rhead.list;
  rmutex.lock = (u32)gettid() | FUTEX_WAITERS;
  sys2(SYS_set_robust_list, (i32)&rhead, sizeof rhead);
  sleep_ms(30);
  return 0; /* exits holding the lock */
}

static void test_robust_list(void) {
  rmutex.lock = 1;
  rctid = 1;
  thread_spawn(THREAD_FLAGS, stack_top(1), dies_holding_lock, 0, &rctid, 0, &rctid);
  while ((rmutex.lock & FUTEX_WAITERS) == 0) sleep_ms(1);
  u32 v = rmutex.lock;
  struct timespec32 limit = { 5, 0 };
  i32 r = futex((volatile i32 *)&rmutex.lock, FUTEX_WAIT, (i32)v, &limit, 0, 0);
  check((r == 0 || r == -EAGAIN) && join(&rctid) && rmutex.lock == (FUTEX_WAITERS | FUTEX_OWNER_DIED),
        "a thread that dies holding a robust futex: FUTEX_OWNER_DIED is set and the waiter woken");
}

/* ---- signals to the process and to one thread ---- */

static volatile i32 usr1_tid, usr2_tid, usr2_count;
static void on_usr1(int sig) { (void)sig; usr1_tid = gettid(); }
static void on_usr2(int sig) { (void)sig; usr2_tid = gettid(); usr2_count++; }
static volatile i32 sig_ctid, sig_thread_result, sig_ready, main_tid, restart_word;

static void set_handler(int sig, void (*h)(int), u32 flags) {
  u32 act[5] = { (u32)h, flags, 0, 0, 0 };
  sys4(SYS_rt_sigaction, sig, (i32)act, 0, 8);
}
static void mask(int how, int sig) {
  u32 set[2] = { 1u << (sig - 1), 0 };
  sys4(SYS_rt_sigprocmask, how, (i32)set, 0, 8);
}

static i32 takes_usr1(void *arg) {
  (void)arg;
  mask(1, SIGUSR1); /* unblock: the only thread that can take it */
  sig_ready = 1;
  sig_thread_result = futex(&sig_ready, FUTEX_WAIT | FUTEX_PRIVATE, 1, 0, 0, 0);
  /* Interrupt the main thread's FUTEX_WAIT with an SA_RESTART handler, then wake it for real. */
  while (restart_word == 0) sleep_ms(1);
  sleep_ms(20);
  sys3(SYS_tgkill, getpid(), main_tid, SIGUSR2);
  sleep_ms(20);
  wake_one(&restart_word, FUTEX_WAKE | FUTEX_PRIVATE);
  return 0;
}

static void test_signals(void) {
  set_handler(SIGUSR1, on_usr1, 0);
  set_handler(SIGUSR2, on_usr2, SA_RESTART);
  main_tid = gettid();
  mask(0, SIGUSR1); /* the main thread blocks SIGUSR1; the thread inherits the mask, then unblocks it */
  sig_ctid = 1;
  i32 tid = thread_spawn(THREAD_FLAGS, stack_top(1), takes_usr1, 0, &sig_ctid, 0, &sig_ctid);
  while (!sig_ready) sleep_ms(1);
  sleep_ms(20);
  check(sys2(SYS_kill, getpid(), SIGUSR1) == 0, "kill() to the own process");
  for (int i = 0; i < 2000 && usr1_tid == 0; i++) sleep_ms(1);
  check(usr1_tid == tid, "the process-wide signal runs its handler in the thread that does not block it");
  for (int i = 0; i < 2000 && sig_thread_result == 0; i++) sleep_ms(1);
  check(sig_thread_result == -EINTR, "the thread's FUTEX_WAIT ends with -EINTR after the handler (no SA_RESTART)");
  restart_word = 1;
  i32 r = futex(&restart_word, FUTEX_WAIT | FUTEX_PRIVATE, 1, 0, 0, 0);
  check(r == 0 && usr2_count == 1 && usr2_tid == main_tid,
        "tgkill runs the handler in the main thread; with SA_RESTART its FUTEX_WAIT restarts and is then woken");
  check(join(&sig_ctid), "the signalling thread ends");
  check(sys3(SYS_tgkill, getpid() + 100000, main_tid, SIGUSR2) == -ESRCH && sys2(SYS_tkill, 999999, SIGUSR2) == -ESRCH &&
        sys3(SYS_tgkill, 0, main_tid, SIGUSR2) == -EINVAL, "tgkill with another process's id, tkill of no thread: -ESRCH; tgid 0: -EINVAL");
  mask(1, SIGUSR1);
}

/* ---- whole processes: exit_group, the leader exiting first, fatal signals, execve ---- */

static i32 sleeps_long(void *arg) { (void)arg; sleep_ms(20000); return 1; }
static i32 sleeps_then_exits(void *arg) { (void)arg; sleep_ms(300); return 3; }
static volatile i32 proc_ctid;
static const char *self_path;

static i32 execs_self(void *arg) {
  char pid_text[12], ppid_text[12];
  utoa(pid_text, (u32)getpid());
  utoa(ppid_text, (u32)sys0(SYS_getppid));
  char *argv[] = { (char *)self_path, "--exec-child", pid_text, ppid_text, 0 };
  char *envp[] = { 0 };
  (void)arg;
  sys_execve(self_path, argv, envp);
  return 99; /* execve failed */
}

/* The program again, started by execve from a thread: the process keeps its pid and parent, and the thread is its leader now. */
static int exec_child(char **argv) {
  i32 pid = getpid();
  return pid == (i32)atou(argv[2]) && gettid() == pid && sys0(SYS_getppid) == (i32)atou(argv[3]) ? 0 : 1;
}

static void test_processes(void) {
  i32 status = -1;
  u64 t0 = now();
  i32 pid = sys_fork();
  if (pid == 0) {
    thread_spawn(THREAD_FLAGS, stack_top(1), sleeps_long, 0, &proc_ctid, 0, &proc_ctid);
    sleep_ms(20);
    sys1(SYS_exit_group, 7);
  }
  check(sys_wait(pid, &status) == pid && status == (7 << 8) && now() - t0 < 10000000000ull,
        "exit_group ends the process at once, its sleeping thread included; wait4 sees its status");

  i32 p[2];
  sys_pipe(p);
  pid = sys_fork();
  if (pid == 0) {
    thread_spawn(THREAD_FLAGS, stack_top(1), sleeps_then_exits, 0, &proc_ctid, 0, &proc_ctid);
    sys_write(p[1], "x", 1);
    sys1(SYS_exit, 9); /* the leader alone */
  }
  char c;
  sys_read(p[0], &c, 1);
  sleep_ms(50);
  i32 early = sys4(SYS_wait4, pid, (i32)&status, WNOHANG, 0);
  check(early == 0, "a process whose leader exited while a thread runs is not reaped yet");
  check(sys_wait(pid, &status) == pid && status == (3 << 8), "once its last thread exits, the process ends, with that thread's status");
  sys_close(p[0]);
  sys_close(p[1]);

  pid = sys_fork();
  if (pid == 0) {
    thread_spawn(THREAD_FLAGS, stack_top(1), sleeps_long, 0, &proc_ctid, 0, &proc_ctid);
    sleep_ms(20000);
    sys_exit(1);
  }
  sleep_ms(50);
  check(sys2(SYS_kill, pid, SIGTERM) == 0 && sys_wait(pid, &status) == pid && status == SIGTERM,
        "SIGTERM to a threaded process kills every thread: wait4 reports the signal");

  pid = sys_fork();
  if (pid == 0) {
    thread_spawn(THREAD_FLAGS, stack_top(1), execs_self, 0, &proc_ctid, 0, &proc_ctid);
    sleep_ms(20000);
    sys_exit(2);
  }
  t0 = now();
  check(sys_wait(pid, &status) == pid && status == 0 && now() - t0 < 10000000000ull,
        "execve from a thread ends the other threads; the new image keeps the pid and the parent");

  /* A FUTEX_WAIT with a timeout survives a stop and continue (restart_syscall keeps its deadline). */
  pid = sys_fork();
  if (pid == 0) {
    struct timespec32 rel = { 0, 400000000 };
    static volatile i32 w;
    u64 start = now();
    i32 r = futex(&w, FUTEX_WAIT | FUTEX_PRIVATE, 0, &rel, 0, 0);
    u64 took = now() - start;
    sys_exit(r == -ETIMEDOUT && took >= 350000000ull && took < 5000000000ull ? 0 : 1);
  }
  sleep_ms(50);
  sys2(SYS_kill, pid, SIGSTOP);
  sleep_ms(50);
  sys2(SYS_kill, pid, SIGCONT);
  check(sys_wait(pid, &status) == pid && status == 0, "a FUTEX_WAIT stopped and continued still times out at its first deadline");
}

/* ---- clones that are processes ---- */

static volatile i32 vfork_mark;
static i32 vfork_child(void *arg) { (void)arg; sleep_ms(30); vfork_mark = 42; return 5; }
static i32 returns_3(void *arg) { (void)arg; return 3; }

static void test_process_clones(void) {
  i32 status = -1;
  i32 pid = sys2(SYS_clone, SIGCHLD, 0);
  if (pid == 0) sys_exit(4);
  check(pid > 0 && sys_wait(pid, &status) == pid && status == (4 << 8), "a fork-like clone (SIGCHLD, no stack) returns 0 in the child");

  vfork_mark = 0;
  pid = thread_spawn(CLONE_VM | CLONE_VFORK | SIGCHLD, stack_top(1), vfork_child, 0, 0, 0, 0);
  check(pid > 0 && vfork_mark == 42, "CLONE_VM | CLONE_VFORK: the caller resumes only after the child is gone, and saw its writes");
  check(sys_wait(pid, &status) == pid && status == (5 << 8), "the vfork-like child is a process its parent reaps");

  pid = thread_spawn(0, stack_top(1), returns_3, 0, 0, 0, 0);
  sleep_ms(30);
  check(pid > 0 && sys4(SYS_wait4, pid, (i32)&status, 0, 0) == -ECHILD, "a child with no exit signal is not seen by a plain wait4");
  check(sys4(SYS_wait4, pid, (i32)&status, WALL, 0) == pid && status == (3 << 8), "__WALL waits for it");

  struct user_desc *bad_tls = (struct user_desc *)0xc0000000;
  check(thread_spawn(THREAD_FLAGS | CLONE_SETTLS, stack_top(1), returns_3, 0, 0, bad_tls, 0) == -EFAULT,
        "CLONE_SETTLS with a kernel pointer: -EFAULT, and no thread");
  check(thread_spawn(CLONE_VM | CLONE_THREAD, stack_top(1), returns_3, 0, 0, 0, 0) == -EINVAL,
        "CLONE_THREAD without CLONE_SIGHAND: -EINVAL");
  check(thread_spawn(CLONE_SIGHAND | SIGCHLD, stack_top(1), returns_3, 0, 0, 0, 0) == -EINVAL,
        "CLONE_SIGHAND without CLONE_VM: -EINVAL");
}

int main(int argc, char **argv, char **envp) {
  (void)envp;
  if (argc >= 4 && streq(argv[1], "--exec-child")) return exec_child(argv);
  self_path = argv[0];
  ktap_plan(48);
  test_first_thread();
  test_futex_basics();
  test_robust_list();
  test_signals();
  test_processes();
  test_process_clones();
  return ktap_done("threads");
}
