/* KTAP reporting for the libc test programs in test/libc: one "ok N what" line per check. */
#ifndef LIBC_KTAP_H
#define LIBC_KTAP_H
#include <stdio.h>

static int count, failures;

static void check(int ok, const char *what) {
  count++;
  if (!ok) failures++;
  printf("%sok %d %s\n", ok ? "" : "not ", count, what);
  fflush(stdout);
}
#endif
