/* A single-producer/single-consumer ring of u32 (power-of-two size), 12 M items in bursts. */
#include "bench.h"

typedef struct Ring { uint32_t *buf; uint32_t size, mask, head, tail; } Ring;

static Ring *ring_new(uint32_t size) {
  Ring *r = ostc_alloc(sizeof *r);
  r->buf = ostc_alloc(size * 4);
  r->size = size;
  r->mask = size - 1;
  return r;
}

static bool ring_push(Ring *r, uint32_t v) {
  if (r->head - r->tail == r->size) return false;
  r->buf[r->head & r->mask] = v;
  r->head++;
  return true;
}

static uint32_t ring_pop(Ring *r) {
  uint32_t v = r->buf[r->tail & r->mask];
  r->tail++;
  return v;
}

static uint32_t ring_size(const Ring *r) { return r->head - r->tail; }

#define TOTAL 12000000u

void ostc_program_init(void) {
  Ring *ring = ring_new(1024);
  uint32_t produced = 0, acc = 0;
  while (produced < TOTAL) {
    uint32_t burst = 1 + (produced & 1023);
    for (uint32_t i = 0; i < burst && produced < TOTAL; i++) {
      if (!ring_push(ring, produced)) break;
      produced++;
    }
    uint32_t take = ring_size(ring) - (ring_size(ring) >> 2);
    for (uint32_t i = 0; i < take; i++) acc = acc * 33 ^ ring_pop(ring);
  }
  while (ring_size(ring) > 0) acc = acc * 33 ^ ring_pop(ring);
  bench_print_u32(acc);
}
