/* The Internet checksum (RFC 1071) over a 64 KiB buffer, 2400 times. */
#include "bench.h"

static uint32_t ip_checksum(const uint8_t *buf, int32_t n) {
  uint32_t sum = 0;
  int32_t i = 0;
  for (; i + 1 < n; i += 2) sum += (uint32_t)buf[i] << 8 | buf[i + 1];
  if (i < n) sum += (uint32_t)buf[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

#define N 65536
static uint8_t buf[N];

void ostc_program_init(void) {
  for (int32_t i = 0; i < N; i++) buf[i] = (uint8_t)(i * 13 + (i >> 8));
  uint32_t acc = 0;
  for (int32_t r = 0; r < 2400; r++) {
    buf[r & 1023] = (uint8_t)r;
    acc = acc * 31 + ip_checksum(buf, N - (r & 1));
  }
  bench_print_u32(acc);
}
