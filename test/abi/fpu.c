/*
 * The x87/SSE registers of ring-3 code, kept as Linux keeps them: across system calls; per
 * process and per thread across many context switches (a pipe ping-pong with a process or a
 * thread that loads other values every round); inherited by fork and clone; clean for a signal
 * handler and after execve; put back by sigreturn (with the edits a handler made to its frame's
 * copy); intact after asynchronous signals whose handlers overwrite every register. The kernel
 * may switch the state eagerly or lazily (fpu=eager|lazy): the answers must not depend on it.
 * Registers are set and read with ordinary instructions (fildl/fistpl, movups, ldmxcsr/stmxcsr,
 * fldcw/fnstcw), never fxsave/fxrstor, so the kernel's save/restore is what is checked. Prints
 * KTAP.
 */
#include "ktap.h"
#include "thread_spawn.h"

#define SYS_kill 37
#define SYS_nanosleep 162
#define SYS_rt_sigaction 174
#define SYS_clone 120
#define SYS_getppid 64

#define SIGUSR1 10
#define SIGUSR2 12
#define SA_SIGINFO 4u
#define CLONE_THREAD_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000) /* VM FS FILES SIGHAND THREAD SYSVSEM */

/* Round trips of each ping-pong (two context switches each), and asynchronous signals sent. */
#define ROUNDS 1000
#define SIGNALS 20

/* ucontext_t: uc_flags, uc_link, uc_stack (12 bytes), then the sigcontext, whose fpstate
 * pointer is at +76. struct _fpstate: the fxsave image starts at +112, so xmm0 is at +272. */
#define UC_FPSTATE 96
#define FPSTATE_XMM0 272

/** What the checks load and read back. st(7) stays free: the reads copy each value there. */
struct fpu_values {
  u32 xmm[8][4];
  i32 st[7]; /* st(0) … st(6) */
  u32 mxcsr;
  u32 cw;
};

static u32 mix(u32 x) {
  x ^= x >> 16; x *= 0x7feb352du;
  x ^= x >> 15; x *= 0x846ca68bu;
  return x ^ (x >> 16);
}

/** Values that differ with `seed` everywhere, rounding modes and x87 precision included. */
static void make_values(u32 seed, struct fpu_values *v) {
  for (u32 i = 0; i < 8; i++)
    for (u32 j = 0; j < 4; j++) v->xmm[i][j] = mix(seed * 64 + i * 4 + j);
  for (u32 i = 0; i < 7; i++) v->st[i] = (i32)mix(seed * 64 + 40 + i);
  v->mxcsr = 0x1f80 | (seed & 3) << 13;                       /* exceptions masked, RC varies */
  v->cw = 0x7f | ((seed >> 2 & 1) + 2) << 8 | (seed >> 3 & 3) << 10; /* masked; PC double/extended; RC varies */
}

static void load_values(const struct fpu_values *v) {
  unsigned short cw = (unsigned short)v->cw;
  __asm__ volatile("fninit");
  __asm__ volatile("fldcw %0" : : "m"(cw));
  __asm__ volatile("ldmxcsr %0" : : "m"(v->mxcsr));
  __asm__ volatile("fildl %0" : : "m"(v->st[6]));
  __asm__ volatile("fildl %0" : : "m"(v->st[5]));
  __asm__ volatile("fildl %0" : : "m"(v->st[4]));
  __asm__ volatile("fildl %0" : : "m"(v->st[3]));
  __asm__ volatile("fildl %0" : : "m"(v->st[2]));
  __asm__ volatile("fildl %0" : : "m"(v->st[1]));
  __asm__ volatile("fildl %0" : : "m"(v->st[0]));
  __asm__ volatile("movups %0, %%xmm0" : : "m"(v->xmm[0]));
  __asm__ volatile("movups %0, %%xmm1" : : "m"(v->xmm[1]));
  __asm__ volatile("movups %0, %%xmm2" : : "m"(v->xmm[2]));
  __asm__ volatile("movups %0, %%xmm3" : : "m"(v->xmm[3]));
  __asm__ volatile("movups %0, %%xmm4" : : "m"(v->xmm[4]));
  __asm__ volatile("movups %0, %%xmm5" : : "m"(v->xmm[5]));
  __asm__ volatile("movups %0, %%xmm6" : : "m"(v->xmm[6]));
  __asm__ volatile("movups %0, %%xmm7" : : "m"(v->xmm[7]));
}

/** Reads the registers without changing them (each x87 value through a copy pushed into st(7)). */
static void read_values(struct fpu_values *v) {
  unsigned short cw;
  __asm__ volatile("fnstcw %0" : "=m"(cw));
  v->cw = cw;
  __asm__ volatile("stmxcsr %0" : "=m"(v->mxcsr));
  __asm__ volatile("fld %%st(0)\n\tfistpl %0" : "=m"(v->st[0]));
  __asm__ volatile("fld %%st(1)\n\tfistpl %0" : "=m"(v->st[1]));
  __asm__ volatile("fld %%st(2)\n\tfistpl %0" : "=m"(v->st[2]));
  __asm__ volatile("fld %%st(3)\n\tfistpl %0" : "=m"(v->st[3]));
  __asm__ volatile("fld %%st(4)\n\tfistpl %0" : "=m"(v->st[4]));
  __asm__ volatile("fld %%st(5)\n\tfistpl %0" : "=m"(v->st[5]));
  __asm__ volatile("fld %%st(6)\n\tfistpl %0" : "=m"(v->st[6]));
  __asm__ volatile("movups %%xmm0, %0" : "=m"(v->xmm[0]));
  __asm__ volatile("movups %%xmm1, %0" : "=m"(v->xmm[1]));
  __asm__ volatile("movups %%xmm2, %0" : "=m"(v->xmm[2]));
  __asm__ volatile("movups %%xmm3, %0" : "=m"(v->xmm[3]));
  __asm__ volatile("movups %%xmm4, %0" : "=m"(v->xmm[4]));
  __asm__ volatile("movups %%xmm5, %0" : "=m"(v->xmm[5]));
  __asm__ volatile("movups %%xmm6, %0" : "=m"(v->xmm[6]));
  __asm__ volatile("movups %%xmm7, %0" : "=m"(v->xmm[7]));
}

static int same_values(const struct fpu_values *want) {
  struct fpu_values now;
  read_values(&now);
  const u32 *a = (const u32 *)want, *b = (const u32 *)&now;
  for (u32 i = 0; i < sizeof now / 4; i++) if (a[i] != b[i]) return 0;
  return 1;
}

/** The state a new program and a signal handler start with: fninit's, xmm0-7 zero, MXCSR 0x1f80. */
static int clean_state(void) {
  u32 xmm[8][4];
  u32 mxcsr = 0;
  unsigned short cw = 0, sw = 0xffff, examined = 0;
  __asm__ volatile("fnstcw %0" : "=m"(cw));
  __asm__ volatile("fnstsw %0" : "=m"(sw));
  __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
  __asm__ volatile("fxam\n\tfnstsw %0" : "=m"(examined));
  __asm__ volatile("movups %%xmm0, %0" : "=m"(xmm[0]));
  __asm__ volatile("movups %%xmm1, %0" : "=m"(xmm[1]));
  __asm__ volatile("movups %%xmm2, %0" : "=m"(xmm[2]));
  __asm__ volatile("movups %%xmm3, %0" : "=m"(xmm[3]));
  __asm__ volatile("movups %%xmm4, %0" : "=m"(xmm[4]));
  __asm__ volatile("movups %%xmm5, %0" : "=m"(xmm[5]));
  __asm__ volatile("movups %%xmm6, %0" : "=m"(xmm[6]));
  __asm__ volatile("movups %%xmm7, %0" : "=m"(xmm[7]));
  u32 any = 0;
  for (u32 i = 0; i < 8; i++) any |= xmm[i][0] | xmm[i][1] | xmm[i][2] | xmm[i][3];
  /* fxam of an empty st(0): C3 = 1, C2 = 0, C0 = 1 */
  return cw == 0x37f && sw == 0 && mxcsr == 0x1f80 && any == 0 && (examined & 0x4500) == 0x4100;
}

static int str_eq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static void sleep_ms(u32 ms) {
  struct timespec32 ts = { 0, (i32)(ms * 1000000u) };
  sys2(SYS_nanosleep, (i32)&ts, 0);
}

static i32 seconds_now(void) {
  struct timespec32 ts = { 0, 0 };
  sys2(SYS_clock_gettime, CLOCK_MONOTONIC, (i32)&ts);
  return ts.tv_sec;
}

static void set_handler(int sig, void *handler, u32 flags) {
  u32 act[5] = { (u32)handler, flags, 0, 0, 0 };
  sys4(SYS_rt_sigaction, sig, (i32)act, 0, 8);
}

/* ---- a helper process that uses the unit when asked ---- */

static i32 helper_down[2], helper_up[2];

/** At each token: checks the values it loaded the time before, loads new ones, answers. At EOF exits with 1 if it ever lost them. */
static i32 helper_loop(void) {
  struct fpu_values mine;
  char c;
  i32 lost = 0;
  sys_close(helper_down[1]);
  sys_close(helper_up[0]);
  make_values(0x70000, &mine);
  load_values(&mine);
  for (u32 r = 1; sys_read(helper_down[0], &c, 1) == 1; r++) {
    if (!same_values(&mine)) lost = 1;
    make_values(0x70000 + r, &mine);
    load_values(&mine);
    if (sys_write(helper_up[1], &c, 1) != 1) break;
  }
  return lost;
}

/**
 * Lets the helper run and load its own values. Under lazy switching the caller's registers then
 * live only in its save area, so what the kernel does next for it (fork, a signal, sigreturn,
 * execve) must take them from there.
 */
static void other_process_uses_fpu(void) {
  char c = 'h';
  sys_write(helper_down[1], &c, 1);
  sys_read(helper_up[0], &c, 1);
}

/* ---- ping-pong: two tasks that each keep their own registers ---- */

/** Bits of a ping-pong peer's result. */
#define PEER_INHERITED_WRONG 1
#define PEER_LOST_VALUES 2

/**
 * The side that answers: checks that it started with `inherited`, then every round loads the
 * values of `salt` and the round, passes the token back and, once the other side has run, checks
 * them. Returns PEER_* bits.
 */
static i32 answer_rounds(i32 rd, i32 wr, const struct fpu_values *inherited, u32 salt) {
  i32 result = same_values(inherited) ? 0 : PEER_INHERITED_WRONG;
  struct fpu_values mine;
  char c;
  make_values(salt, &mine);
  load_values(&mine);
  for (u32 r = 0; r < ROUNDS; r++) {
    if (sys_read(rd, &c, 1) != 1) return result | PEER_LOST_VALUES;
    if (!same_values(&mine)) result |= PEER_LOST_VALUES;
    make_values(salt + r + 1, &mine);
    load_values(&mine);
    if (sys_write(wr, &c, 1) != 1) return result | PEER_LOST_VALUES;
  }
  return result;
}

/** The side that starts each round; true when its values survived every round. */
static int start_rounds(i32 wr, i32 rd, u32 salt) {
  struct fpu_values mine;
  char c = 'x';
  int kept = 1;
  for (u32 r = 0; r < ROUNDS; r++) {
    make_values(salt + r, &mine);
    load_values(&mine);
    if (sys_write(wr, &c, 1) != 1 || sys_read(rd, &c, 1) != 1) return 0;
    if (!same_values(&mine)) kept = 0;
  }
  return kept;
}

static void test_fork_pingpong(void) {
  i32 down[2], up[2];
  sys_pipe(down);
  sys_pipe(up);
  struct fpu_values before;
  make_values(7, &before);
  load_values(&before);
  other_process_uses_fpu();
  i32 pid = sys_fork();
  if (pid == 0) sys_exit(answer_rounds(down[0], up[1], &before, 0x20000));
  int kept = start_rounds(down[1], up[0], 0x10000);
  i32 status = -1;
  sys_wait(pid, &status);
  check(pid > 0 && (status & 0xff) == 0 && !(status >> 8 & PEER_INHERITED_WRONG), "a fork child starts with its parent's x87, SSE and control registers");
  check(pid > 0 && status == 0, "the child keeps its own registers across 2000 switches with its parent");
  check(kept, "the parent keeps its own registers across 2000 switches with its child");
  sys_close(down[0]); sys_close(down[1]); sys_close(up[0]); sys_close(up[1]);
}

static struct { i32 rd, wr; struct fpu_values inherited; volatile i32 result; } peer;
static char thread_stack[16384] __attribute__((aligned(16)));

static i32 thread_peer(void *arg) {
  (void)arg;
  peer.result = answer_rounds(peer.rd, peer.wr, &peer.inherited, 0x40000);
  char c = 'd';
  sys_write(peer.wr, &c, 1); /* the result is in memory: the main thread may read it */
  return 0;
}

static void test_thread_pingpong(void) {
  i32 down[2], up[2];
  sys_pipe(down);
  sys_pipe(up);
  peer.rd = down[0];
  peer.wr = up[1];
  peer.result = -1;
  make_values(9, &peer.inherited);
  load_values(&peer.inherited);
  other_process_uses_fpu();
  i32 tid = thread_spawn(CLONE_THREAD_FLAGS, thread_stack + sizeof thread_stack, thread_peer, 0, 0, 0, 0);
  int kept = tid > 0 && start_rounds(down[1], up[0], 0x30000);
  char c = 0;
  int finished = tid > 0 && sys_read(up[0], &c, 1) == 1 && c == 'd';
  check(finished && !(peer.result & PEER_INHERITED_WRONG), "a thread starts with the registers of the thread that cloned it");
  check(finished && peer.result == 0, "a thread keeps its own registers across 2000 switches with another thread");
  check(kept, "the other thread keeps its own registers across the same switches");
  sys_close(down[0]); sys_close(down[1]); sys_close(up[0]); sys_close(up[1]);
}

/* ---- signals ---- */

static volatile u32 handled, handlers_clean;
static i32 acks[2];

/** Counts handlers that started with a clean state, overwrites every register, and acknowledges. */
static void on_usr1(int sig) {
  (void)sig;
  if (clean_state()) handlers_clean++;
  struct fpu_values mess;
  make_values(0x50000 + handled, &mess);
  load_values(&mess);
  handled++;
  char c = 'a';
  sys_write(acks[1], &c, 1);
}

static void test_async_signals(void) {
  set_handler(SIGUSR1, (void *)on_usr1, 0);
  struct fpu_values mine;
  make_values(11, &mine);
  load_values(&mine);
  sys_pipe(acks);
  i32 pid = sys_fork();
  if (pid == 0) {
    /* One signal at a time (two pending ones would merge into one). */
    i32 parent = sys0(SYS_getppid);
    char c;
    for (int i = 0; i < SIGNALS; i++) {
      struct fpu_values other;
      make_values(0x80000 + (u32)i, &other);
      load_values(&other); /* the unit changes hands before the signal: lazily, also in the kernel */
      sleep_ms(3);
      sys2(SYS_kill, parent, SIGUSR1);
      if (sys_read(acks[0], &c, 1) != 1) break;
    }
    sys_exit(0);
  }
  /* Compute while the signals come in, so that they interrupt user code (a system call now
   * and then reads the clock: give up after 30 s). */
  u32 lost = 0, spins = 0;
  i32 deadline = seconds_now() + 30;
  while (handled < SIGNALS) {
    if (!same_values(&mine)) lost++;
    if ((++spins & 0xfff) == 0 && seconds_now() > deadline) break;
  }
  sys_wait(pid, 0);
  sys_close(acks[0]);
  sys_close(acks[1]);
  check(handled == SIGNALS, "20 asynchronous signals were handled");
  check(handlers_clean == handled, "each handler started with a clean FPU/SSE state");
  check(lost == 0 && same_values(&mine), "user code keeps its registers through handlers that overwrite all of them");
}

static int usr2_uses_helper;

/** Writes a marker into xmm0 of the state sigreturn will load, then overwrites the live registers. */
static void on_usr2(int sig, void *info, void *uc) {
  (void)sig; (void)info;
  u32 fpstate = *(u32 *)((char *)uc + UC_FPSTATE);
  if (fpstate != 0) for (u32 i = 0; i < 4; i++) ((u32 *)(fpstate + FPSTATE_XMM0))[i] = 0x5eed0000 + i;
  struct fpu_values mess;
  make_values(0x60000, &mess);
  load_values(&mess);
  if (usr2_uses_helper) other_process_uses_fpu();
}

/** A signal sent to itself, with or without another process using the unit around it. */
static int sigreturn_edit_survives(int with_helper) {
  set_handler(SIGUSR2, (void *)on_usr2, SA_SIGINFO);
  usr2_uses_helper = with_helper;
  struct fpu_values mine;
  make_values(13 + (u32)with_helper, &mine);
  load_values(&mine);
  if (with_helper) other_process_uses_fpu();
  sys2(SYS_kill, sys0(SYS_getpid), SIGUSR2);
  for (u32 i = 0; i < 4; i++) mine.xmm[0][i] = 0x5eed0000 + i;
  return same_values(&mine);
}

/* ---- execve ---- */

static void test_exec(const char *self, char **envp) {
  i32 pid = sys_fork();
  if (pid == 0) {
    struct fpu_values mine;
    make_values(15, &mine);
    load_values(&mine);
    other_process_uses_fpu();
    char *argv[] = { (char *)self, "exec-child", 0 };
    sys_execve(self, argv, envp);
    sys_exit(127);
  }
  i32 status = -1;
  sys_wait(pid, &status);
  check(status == 0, "execve starts the new program with a clean FPU/SSE state");
}

int main(int argc, char **argv, char **envp) {
  if (argc >= 2 && str_eq(argv[1], "exec-child")) return clean_state() ? 0 : 1;
  ktap_plan(15);
  sys_pipe(helper_down);
  sys_pipe(helper_up);
  i32 helper = sys_fork();
  if (helper == 0) sys_exit(helper_loop());
  struct fpu_values v;
  make_values(5, &v);
  load_values(&v);
  sys0(SYS_getpid);
  check(same_values(&v), "the x87 stack, xmm0-7, MXCSR and the x87 control word survive a system call");
  other_process_uses_fpu();
  check(same_values(&v), "they survive a switch to a process that loads other values");
  test_fork_pingpong();
  test_thread_pingpong();
  test_async_signals();
  check(sigreturn_edit_survives(0), "sigreturn loads the state the handler edited in its frame (xmm0), the rest as it was");
  check(sigreturn_edit_survives(1), "the same with another process using the unit before the signal and in the handler");
  test_exec(argv[0], envp);
  sys_close(helper_down[1]);
  i32 status = -1;
  sys_wait(helper, &status);
  check(helper > 0 && status == 0, "the helper process kept its registers every time it ran");
  return ktap_done("fpu");
}
