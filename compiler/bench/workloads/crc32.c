/* CRC-32 (IEEE, table-driven) over a 64 KiB buffer, 400 times. */
#include "bench.h"

static uint32_t table[256];

static void init_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}

static uint32_t crc32(const uint8_t *buf, int32_t n) {
  uint32_t c = 0xffffffffu;
  for (int32_t i = 0; i < n; i++) c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

#define N 65536
static uint8_t buf[N];

void ostc_program_init(void) {
  init_table();
  for (int32_t i = 0; i < N; i++) buf[i] = (uint8_t)(i * 7 + 3);
  uint32_t acc = 0;
  for (int32_t r = 0; r < 400; r++) {
    buf[r] = (uint8_t)r;
    acc ^= crc32(buf, N);
  }
  bench_print_u32(acc);
}
