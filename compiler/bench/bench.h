/* Support for the C twins of the compiler benchmarks: they link with ostc's own program runtime
 * (ostc_rt.c, ostc_user.c: _start, heap, output), so only the workload differs. */
#ifndef BENCH_H
#define BENCH_H
#include "ostc.h"

/* Prints v and a newline, as console.log(v) does for a u32. */
static inline void bench_print_u32(uint32_t v) {
  char out[24];
  int32_t n = ostc_format_u64(v, out);
  out[n++] = '\n';
  ostc_write_out(1, out, n);
}
#endif
