/*
 * What every benchmark program shares: the monotonic clock, output without libc, the iteration
 * count from argv, and the report line the harness parses:
 *
 *     bench <name> <iterations> <ns_per_op>
 *
 * ns_per_op has one decimal. Failures print `bench <name> error: <what> <errno>` and exit 1.
 */
#ifndef BENCH_H
#define BENCH_H
#include "sys.h"

/** 64-by-32-bit unsigned division in two `divl` steps (no libgcc here for __udivdi3). */
static inline u64 div64(u64 n, u32 d, u32 *rem) {
  u32 hi = (u32)(n >> 32), lo = (u32)n;
  u32 qhi = hi / d, r = hi % d, qlo;
  __asm__("divl %4" : "=a"(qlo), "=d"(r) : "a"(lo), "d"(r), "rm"(d));
  if (rem) *rem = r;
  return ((u64)qhi << 32) | qlo;
}

/** CLOCK_MONOTONIC in nanoseconds. */
static inline u64 now_ns(void) {
  struct timespec32 ts;
  i32 r = sys2(SYS_clock_gettime, CLOCK_MONOTONIC, (i32)&ts);
  if (r != 0) {
    static const char msg[] = "bench: clock_gettime(CLOCK_MONOTONIC) failed\n";
    sys_write(2, msg, sizeof msg - 1);
    sys_exit(1);
  }
  return (u64)(u32)ts.tv_sec * 1000000000u + (u32)ts.tv_nsec;
}

static inline u32 str_len(const char *s) {
  u32 n = 0;
  while (s[n]) n++;
  return n;
}

/** A line being assembled for one write(2), so concurrent writers never interleave inside it. */
struct line { char buf[160]; u32 len; };

static inline void put_str(struct line *l, const char *s) {
  while (*s && l->len < sizeof l->buf) l->buf[l->len++] = *s++;
}

static inline void put_u64(struct line *l, u64 v) {
  char digits[20];
  int n = 0;
  do {
    u32 d;
    v = div64(v, 10, &d);
    digits[n++] = (char)('0' + d);
  } while (v != 0);
  while (n > 0 && l->len < sizeof l->buf) l->buf[l->len++] = digits[--n];
}

static inline void put_i32(struct line *l, i32 v) {
  if (v < 0) {
    put_str(l, "-");
    put_u64(l, (u64)(-(long long)v));
  } else {
    put_u64(l, (u64)v);
  }
}

static inline void emit(struct line *l, i32 fd) {
  put_str(l, "\n");
  sys_write(fd, l->buf, l->len);
}

/** Prints `bench <name> <iterations> <ns_per_op>` on stdout. */
static inline void bench_report(const char *name, u32 iterations, u64 total_ns) {
  struct line l = { .len = 0 };
  u32 tenth;
  u64 tenths = div64(total_ns * 10, iterations, 0);
  u64 whole = div64(tenths, 10, &tenth);
  put_str(&l, "bench ");
  put_str(&l, name);
  put_str(&l, " ");
  put_u64(&l, iterations);
  put_str(&l, " ");
  put_u64(&l, whole);
  put_str(&l, ".");
  put_u64(&l, tenth);
  emit(&l, 1);
}

/** Reports a failed step (with its return value, usually a negative errno) and exits with status 1. */
static inline __attribute__((noreturn)) void bench_fail(const char *name, const char *what, i32 value) {
  struct line l = { .len = 0 };
  put_str(&l, "bench ");
  put_str(&l, name);
  put_str(&l, " error: ");
  put_str(&l, what);
  put_str(&l, " ");
  put_i32(&l, value);
  emit(&l, 2);
  sys_exit(1);
}

/** Parses a decimal u32; returns 0 for anything else (including 0 and overflow). */
static inline u32 parse_u32(const char *s) {
  u32 v = 0;
  if (*s == 0) return 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || v > 429496728u) return 0;
    v = v * 10 + (u32)(*s - '0');
  }
  return v;
}

/** The iteration count, argv[1]; a usage message and exit status 2 without a positive one. */
static inline u32 bench_iterations(const char *name, int argc, char **argv) {
  u32 n = argc == 2 ? parse_u32(argv[1]) : 0;
  if (n == 0) {
    struct line l = { .len = 0 };
    put_str(&l, "usage: ");
    put_str(&l, argc > 0 ? argv[0] : name);
    put_str(&l, " <iterations>");
    emit(&l, 2);
    sys_exit(2);
  }
  return n;
}

/** Forks a child that runs `body(arg)` and exits with its result; the child's pid. */
static inline i32 spawn_child(const char *name, i32 (*body)(i32), i32 arg) {
  i32 pid = sys_fork();
  if (pid < 0) bench_fail(name, "fork", pid);
  if (pid == 0) sys_exit(body(arg));
  return pid;
}

/** Waits for `pid`; fails the benchmark unless it exited with status 0. */
static inline void reap_child(const char *name, i32 pid) {
  i32 status = -1;
  i32 r = sys_wait(pid, &status);
  if (r != pid) bench_fail(name, "wait4", r);
  if (status != 0) bench_fail(name, "child status", status);
}

#endif
