/*
 * KTAP output for the raw-ABI test programs: `ktap_plan(n)`, then `check(ok, what)` per case
 * (or `skip(what, why)` for one that cannot be judged on this system);
 * main returns `ktap_done(name)` (the number of failures, also printed as "# name: N failure(s)").
 */
#ifndef ABI_KTAP_H
#define ABI_KTAP_H
#include "../../tools/bench/programs/sys.h"

/* sys6 out of line, so that the sixth argument can live in memory while every register is taken. */
__attribute__((noinline, unused)) static i32 call6(i32 n, i32 a, i32 b, i32 c, i32 d, i32 e, i32 f) {
  return sys6(n, a, b, c, d, e, f);
}

static int ktap_failures, ktap_count;

static u32 ktap_len(const char *s) { u32 n = 0; while (s[n]) n++; return n; }

static char *ktap_number(char *p, u32 n) {
  char digits[12]; int d = 0;
  do { digits[d++] = (char)('0' + n % 10); n /= 10; } while (n);
  while (d) *p++ = digits[--d];
  return p;
}

/* Appends the caller's pid to the NUL-terminated `path`: a scratch file name of its own. */
__attribute__((unused)) static void ktap_append_pid(char *path) {
  char *p = path;
  while (*p) p++;
  *ktap_number(p, (u32)sys0(SYS_getpid)) = 0;
}

static void ktap_plan(u32 n) {
  char line[32] = "KTAP version 1\n1..";
  char *p = ktap_number(line + ktap_len(line), n);
  *p++ = '\n';
  sys_write(1, line, (u32)(p - line));
}

static void check(int ok, const char *what) {
  char line[200];
  char *p = line;
  ktap_count++;
  if (!ok) ktap_failures++;
  for (const char *s = ok ? "ok " : "not ok "; *s; s++) *p++ = *s;
  p = ktap_number(p, (u32)ktap_count);
  *p++ = ' ';
  while (*what && p < line + sizeof line - 2) *p++ = *what++;
  *p++ = '\n';
  sys_write(1, line, (u32)(p - line));
}

/* A case that cannot be judged here: "ok N what # SKIP why". */
__attribute__((unused)) static void skip(const char *what, const char *why) {
  char line[240];
  char *p = line;
  ktap_count++;
  for (const char *s = "ok "; *s; s++) *p++ = *s;
  p = ktap_number(p, (u32)ktap_count);
  *p++ = ' ';
  while (*what && p < line + 150) *p++ = *what++;
  for (const char *s = " # SKIP "; *s; s++) *p++ = *s;
  while (*why && p < line + sizeof line - 2) *p++ = *why++;
  *p++ = '\n';
  sys_write(1, line, (u32)(p - line));
}

static int ktap_done(const char *name) {
  char line[80];
  char *p = line;
  for (const char *s = "# "; *s; s++) *p++ = *s;
  while (*name) *p++ = *name++;
  *p++ = ':'; *p++ = ' ';
  p = ktap_number(p, (u32)ktap_failures);
  for (const char *s = " failure(s)\n"; *s; s++) *p++ = *s;
  sys_write(1, line, (u32)(p - line));
  return ktap_failures;
}
#endif
