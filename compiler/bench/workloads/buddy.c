/*
 * The buddy allocator of kernel/mm/buddy.ts written in straightforward C over a 128 MiB zone:
 * 16000 rounds of 64 allocations of orders 0-3, freed in a scrambled order.
 */
#include "bench.h"

#define MAX_ORDER 10
#define NO_PAGE 0xffffffffu
#define STATE_FREE_HEAD 0x80
#define STATE_ALLOC_HEAD 0x40
#define ORDER_MASK 0x0f

typedef struct BuddyZone {
  uint8_t *state;
  uint32_t *next, *prev;
  uint32_t heads[MAX_ORDER + 1], free_blocks[MAX_ORDER + 1];
  uint32_t start_pfn, end_pfn;
  uint32_t free_pages, managed_pages, allocations, frees, failures;
  int32_t last_free_error;
} BuddyZone;

static BuddyZone *zone_new(uint32_t start, uint32_t end) {
  BuddyZone *z = ostc_alloc(sizeof *z);
  uint32_t n = end - start;
  z->start_pfn = start;
  z->end_pfn = end;
  z->state = ostc_alloc(n);
  z->next = ostc_alloc(n * 4);
  z->prev = ostc_alloc(n * 4);
  for (uint32_t i = 0; i < n; i++) z->next[i] = z->prev[i] = NO_PAGE;
  for (int o = 0; o <= MAX_ORDER; o++) z->heads[o] = NO_PAGE;
  return z;
}

static void push_free(BuddyZone *z, uint32_t pfn, int32_t order) {
  uint32_t i = pfn - z->start_pfn, head = z->heads[order];
  z->next[i] = head;
  z->prev[i] = NO_PAGE;
  if (head != NO_PAGE) z->prev[head - z->start_pfn] = pfn;
  z->heads[order] = pfn;
  z->state[i] = STATE_FREE_HEAD | order;
  z->free_blocks[order]++;
}

static void remove_free(BuddyZone *z, uint32_t pfn, int32_t order) {
  uint32_t i = pfn - z->start_pfn, n = z->next[i], p = z->prev[i];
  if (p != NO_PAGE) z->next[p - z->start_pfn] = n;
  else z->heads[order] = n;
  if (n != NO_PAGE) z->prev[n - z->start_pfn] = p;
  z->state[i] = 0;
  z->free_blocks[order]--;
}

static void free_block(BuddyZone *z, uint32_t pfn, int32_t order) {
  uint32_t p = pfn;
  int32_t o = order;
  z->free_pages += 1u << order;
  while (o < MAX_ORDER) {
    uint32_t buddy = p ^ (1u << o);
    if (buddy < z->start_pfn || buddy + (1u << o) > z->end_pfn) break;
    if (z->state[buddy - z->start_pfn] != (STATE_FREE_HEAD | o)) break;
    remove_free(z, buddy, o);
    p = p < buddy ? p : buddy;
    o++;
  }
  push_free(z, p, o);
}

static void add_free_range(BuddyZone *z, uint32_t start, uint32_t end) {
  uint32_t pfn = start < z->start_pfn ? z->start_pfn : start;
  uint32_t stop = end > z->end_pfn ? z->end_pfn : end;
  while (pfn < stop) {
    int32_t order = MAX_ORDER;
    while (order > 0 && (pfn % (1u << order) != 0 || pfn + (1u << order) > stop)) order--;
    z->managed_pages += 1u << order;
    free_block(z, pfn, order);
    pfn += 1u << order;
  }
}

static uint32_t zone_alloc(BuddyZone *z, int32_t order) {
  if (order < 0 || order > MAX_ORDER) { z->failures++; return NO_PAGE; }
  int32_t o = order;
  while (o <= MAX_ORDER && z->heads[o] == NO_PAGE) o++;
  if (o > MAX_ORDER) { z->failures++; return NO_PAGE; }
  uint32_t pfn = z->heads[o];
  remove_free(z, pfn, o);
  while (o > order) {
    o--;
    push_free(z, pfn + (1u << o), o);
  }
  z->state[pfn - z->start_pfn] = STATE_ALLOC_HEAD | order;
  z->free_pages -= 1u << order;
  z->allocations++;
  return pfn;
}

static int32_t refuse(BuddyZone *z, int32_t e) { z->last_free_error = e; return e; }

static int32_t zone_free(BuddyZone *z, uint32_t pfn, int32_t order) {
  if (pfn < z->start_pfn || pfn >= z->end_pfn || order < 0 || order > MAX_ORDER || pfn + (1u << order) > z->end_pfn) return refuse(z, 1);
  if (pfn % (1u << order) != 0) return refuse(z, 2);
  uint8_t st = z->state[pfn - z->start_pfn];
  if (!(st & STATE_ALLOC_HEAD)) return refuse(z, 3);
  if ((st & ORDER_MASK) != order) return refuse(z, 4);
  free_block(z, pfn, order);
  z->frees++;
  return 0;
}

#define PAGES 32768u
#define BATCH 64

void ostc_program_init(void) {
  BuddyZone *zone = zone_new(0, PAGES);
  add_free_range(zone, 0, PAGES);
  uint32_t pfns[BATCH];
  int32_t orders[BATCH];
  uint32_t x = 1, acc = 0;
  for (int32_t round = 0; round < 16000; round++) {
    for (int32_t i = 0; i < BATCH; i++) {
      x = x * 1103515245u + 12345;
      int32_t order = (x >> 16) & 3;
      uint32_t pfn = zone_alloc(zone, order);
      if (pfn == NO_PAGE) ostc_trap("out of pages", "buddy.c");
      pfns[i] = pfn;
      orders[i] = order;
      acc = acc * 31 + pfn;
    }
    for (int32_t i = 0; i < BATCH; i++) {
      int32_t j = (i * 37 + round) & (BATCH - 1);
      if (zone_free(zone, pfns[j], orders[j]) != 0) ostc_trap("bad free", "buddy.c");
    }
  }
  bench_print_u32(acc ^ zone->free_pages ^ zone->allocations);
}
