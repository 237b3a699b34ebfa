/* An open-addressing hash map (linear probing, u32 keys) filled, probed and cleared 40 times. */
#include "bench.h"

#define EMPTY 0u

typedef struct HashMap { uint32_t *keys; uint32_t *vals; uint32_t cap, mask, count; } HashMap;

static HashMap *map_new(uint32_t capacity) {
  HashMap *m = ostc_alloc(sizeof *m);
  m->keys = ostc_alloc(capacity * 4);
  m->vals = ostc_alloc(capacity * 4);
  m->cap = capacity;
  m->mask = capacity - 1;
  return m;
}

static uint32_t slot(const HashMap *m, uint32_t key) { return key * 0x9e3779b1u & m->mask; }

static void map_set(HashMap *m, uint32_t key, uint32_t val) {
  uint32_t i = slot(m, key);
  for (;;) {
    uint32_t k = m->keys[i];
    if (k == key) { m->vals[i] = val; return; }
    if (k == EMPTY) { m->keys[i] = key; m->vals[i] = val; m->count++; return; }
    i = (i + 1) & m->mask;
  }
}

static uint32_t map_get(const HashMap *m, uint32_t key) {
  uint32_t i = slot(m, key);
  for (;;) {
    uint32_t k = m->keys[i];
    if (k == key) return m->vals[i];
    if (k == EMPTY) return 0;
    i = (i + 1) & m->mask;
  }
}

static void map_clear(HashMap *m) {
  for (uint32_t i = 0; i < m->cap; i++) m->keys[i] = EMPTY;
  m->count = 0;
}

void ostc_program_init(void) {
  HashMap *map = map_new(1 << 16);
  uint32_t acc = 0;
  for (uint32_t round = 0; round < 40; round++) {
    uint32_t x = round + 1;
    for (uint32_t i = 0; i < 40000; i++) {
      x = x * 1103515245u + 12345;
      map_set(map, (x >> 4) | 1, i);
    }
    x = round + 1;
    for (uint32_t i = 0; i < 80000; i++) {
      x = x * 1103515245u + 12345;
      acc += map_get(map, ((x >> 4) | 1) ^ (i & 2));
    }
    acc ^= map->count;
    map_clear(map);
  }
  bench_print_u32(acc);
}
