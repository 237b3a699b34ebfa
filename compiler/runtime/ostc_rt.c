/*
 * ostc core runtime shared by every target: arrays, formatting and the mem* functions gcc may
 * emit calls to (strings are in ostc_str.c and ostc_case.c). Allocation, output and traps come
 * from the target (ostc_user.c or the kernel).
 */
#include "ostc.h"

/* On i386, memset and memcpy use the string instructions (four bytes per step, then the rest):
   the kernel zeroes and copies whole pages with them, and under an emulator (QEMU's TCG) one
   `rep stosl` step costs a fraction of a loop iteration. The direction flag is clear, as the
   ABI requires (the kernel clears it on every entry). */
void *memset(void *d, int c, size_t n) {
#if defined(__i386__)
  void *p = d;
  size_t words = n >> 2, rest = n & 3;
  uint32_t v = (uint32_t)(unsigned char)c * 0x01010101u;
  /* Two statements: one asm with `rest` as a plain input would let gcc put it in ecx when it
     equals `words` (a tied operand's register is free for an equal input). */
  __asm__ volatile("rep stosl" : "+D"(p), "+c"(words) : "a"(v) : "memory");
  __asm__ volatile("rep stosb" : "+D"(p), "+c"(rest) : "a"(v) : "memory");
#else
  unsigned char *p = d; while (n--) *p++ = (unsigned char)c;
#endif
  return d;
}
void *memcpy(void *d, const void *s, size_t n) {
  ostc_copy(d, s, n);
  return d;
}
void *memmove(void *d, const void *s, size_t n) {
  unsigned char *dp = d; const unsigned char *sp = s;
  if (dp == sp || n == 0) return d;
  if (dp < sp || dp >= sp + n) return memcpy(d, s, n);
  while (n--) dp[n] = sp[n];
  return d;
}
int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  for (size_t i = 0; i < n; i++) if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* ---------------- arrays ---------------- */
ostc_array *ostc_array_new(int32_t len, uint32_t elem_size) {
  ostc_array *a = ostc_alloc(sizeof(ostc_array));
  a->len = len; a->cap = len;
  a->data = len ? ostc_alloc((uint32_t)len * elem_size) : 0;
  return a;
}
ostc_array *ostc_array_from(const void *elems, int32_t len, uint32_t elem_size) {
  ostc_array *a = ostc_array_new(len, elem_size);
  if (len) memcpy(a->data, elems, (uint32_t)len * elem_size);
  return a;
}
ostc_array *ostc_array_view(void *data, int32_t len) {
  ostc_array *a = ostc_alloc(sizeof(ostc_array));
  a->len = len; a->cap = -1; a->data = data;
  return a;
}
void ostc_array_grow(ostc_array *a, int32_t need, uint32_t elem_size) {
  if (a->cap < 0) ostc_trap("a fixed-size module array cannot grow", "push");
  int32_t cap = a->cap < 4 ? 4 : a->cap * 2;
  if (cap < need) cap = need;
  void *d = ostc_alloc((uint32_t)cap * elem_size);
  if (a->len) memcpy(d, a->data, (uint32_t)a->len * elem_size);
  if (a->data) ostc_free(a->data);
  a->data = d; a->cap = cap;
}

void ostc_dispose(void *p, const char *loc) {
  if (!p) return;
  if (ostc_heap_check) ostc_heap_check(p, loc);
  ostc_free(p);
}
void ostc_array_dispose(ostc_array *a, const char *loc) {
  if (!a) return;
  if (a->flags & OSTC_ARRAY_STATIC) ostc_trap("a fixed-size module array cannot be disposed", loc);
  if (a->cap >= 0) ostc_dispose(a->data, loc);
  if (a->flags & OSTC_ARRAY_EMBEDDED) { a->len = 0; a->cap = 0; a->data = 0; } /* its object keeps the header */
  else ostc_dispose(a, loc);
}

void ostc_str_dispose(const ostc_string *s, const char *loc) {
  if (!s || ostc_is_static_memory(s) || (OSTC_STR_IS_TWO_BYTE(s) && OSTC_STR_LEN(s) <= 2 && ostc_str_is_interned(s))) return;
  ostc_dispose((void *)s, loc);
}

/* ---------------- formatting ---------------- */
int32_t ostc_format_u64(uint64_t v, char *out) {
  char tmp[24]; int32_t n = 0;
  do {
    /* 64-bit division without libgcc: divide by 10 via 32-bit halves. */
    uint32_t hi = (uint32_t)(v >> 32), lo = (uint32_t)v;
    uint32_t qhi = hi / 10, rhi = hi % 10;
    uint64_t mid = ((uint64_t)rhi << 32) | lo;
    /* mid < 10 * 2^32: long division in two 32-bit steps */
    uint32_t mhi = (uint32_t)(mid >> 16), qm = mhi / 10, rm = mhi % 10;
    uint32_t low16 = (rm << 16) | (lo & 0xFFFF), ql = low16 / 10, rl = low16 % 10;
    uint64_t q = ((uint64_t)qhi << 32) | ((uint64_t)qm << 16) | ql;
    tmp[n++] = (char)('0' + rl);
    v = q;
  } while (v);
  for (int32_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}
int32_t ostc_format_i64(int64_t v, char *out) {
  if (v < 0) { out[0] = '-'; return 1 + ostc_format_u64((uint64_t)0 - (uint64_t)v, out + 1); }
  return ostc_format_u64((uint64_t)v, out);
}
static int32_t part_len(const ostc_fmt_part *p) {
  char tmp[24];
  switch (p->kind) {
    case OSTC_F_STR: return p->v.s ? OSTC_STR_LEN(p->v.s) : 4;
    case OSTC_F_BOOL: return p->v.i ? 4 : 5;
    case OSTC_F_I64: case OSTC_F_BIGINT_I: return ostc_format_i64(p->v.i, tmp) + (p->kind == OSTC_F_BIGINT_I);
    default: return ostc_format_u64(p->v.u, tmp) + (p->kind == OSTC_F_BIGINT_U);
  }
}
/* Writes a part that is not a string (the text of a number, boolean or null) as bytes. */
static int32_t part_write(const ostc_fmt_part *p, char *out) {
  switch (p->kind) {
    case OSTC_F_STR: memcpy(out, "null", 4); return 4;
    case OSTC_F_BOOL: if (p->v.i) { memcpy(out, "true", 4); return 4; } memcpy(out, "false", 5); return 5;
    case OSTC_F_I64: return ostc_format_i64(p->v.i, out);
    case OSTC_F_U64: return ostc_format_u64(p->v.u, out);
    case OSTC_F_BIGINT_I: { int32_t n = ostc_format_i64(p->v.i, out); out[n] = 'n'; return n + 1; }
    default: { int32_t n = ostc_format_u64(p->v.u, out); out[n] = 'n'; return n + 1; }
  }
}
/* The result is two-byte when a string part is (a canonical two-byte string has a unit above
 * U+00FF); numbers, booleans and null are ASCII. */
int32_t ostc_fmt_header(const ostc_fmt_part *p, int32_t n) {
  int32_t len = 0;
  bool wide = false;
  for (int32_t i = 0; i < n; i++) {
    len += part_len(&p[i]);
    wide |= p[i].kind == OSTC_F_STR && p[i].v.s && OSTC_STR_IS_TWO_BYTE(p[i].v.s);
    if ((uint32_t)len > OSTC_STR_MAX_LEN) ostc_trap("invalid string length (RangeError in JavaScript)", "template");
  }
  return wide ? len | OSTC_STR_TWO_BYTE : len;
}
void ostc_fmt_write(const ostc_fmt_part *p, int32_t n, ostc_string *out, int32_t header) {
  int32_t o = 0;
  out->header = header;
  for (int32_t i = 0; i < n; i++) {
    if (p[i].kind == OSTC_F_STR && p[i].v.s) { ostc_str_append(out, &o, p[i].v.s); continue; }
    char tmp[32];
    int32_t k = part_write(&p[i], tmp);
    if (header < 0) for (int32_t j = 0; j < k; j++) ((uint16_t *)(void *)out->data)[o + j] = (uint8_t)tmp[j];
    else memcpy(out->data + o, tmp, (uint32_t)k);
    o += k;
  }
  if (header < 0) ((uint16_t *)(void *)out->data)[o] = 0;
  else out->data[o] = 0;
}
ostc_str ostc_fmt_heap(const ostc_fmt_part *p, int32_t n) {
  int32_t header = ostc_fmt_header(p, n);
  if (header == 0) return &ostc_empty_string;
  ostc_string *s = ostc_alloc(sizeof(int32_t) + (((uint32_t)(header & 0x7fffffff) + 1) << (header < 0)));
  ostc_fmt_write(p, n, s, header);
  return s;
}
/* Writes units [from, to) of s as UTF-8, the way Node prints a string. */
static void write_utf8(int fd, ostc_str s, int32_t from, int32_t to) {
  char buf[256];
  while (from < to) ostc_write_out(fd, buf, ostc_str_utf8(s, &from, to, buf, sizeof buf));
}
/* Writes one argument the way console.log prints it outside a format string. */
static void log_part(int fd, const ostc_fmt_part *p) {
  char tmp[32];
  if (p->kind == OSTC_F_STR && p->v.s) write_utf8(fd, p->v.s, 0, OSTC_STR_LEN(p->v.s));
  else ostc_write_out(fd, tmp, part_write(p, tmp));
}
/* Code unit i of s. */
static uint32_t unit_at(ostc_str s, int32_t i) {
  return OSTC_STR_IS_TWO_BYTE(s) ? OSTC_STR_U16(s)[i] : (uint8_t)s->data[i];
}
/*
 * Node's console.log treats a first string argument followed by more arguments as a util.format
 * template. %s %d %i %c and %% are applied as Node applies them to ostc's value kinds; directives
 * whose output would differ (%f %j %o %O, or %d of a string) trap instead of printing something else.
 * Returns how many arguments the template consumed.
 */
static int32_t log_format(int fd, const ostc_fmt_part *p, int32_t n) {
  ostc_str t = p[0].v.s;
  int32_t used = 1, start = 0, len = OSTC_STR_LEN(t);
  for (int32_t i = 0; i + 1 < len; i++) {
    if (unit_at(t, i) != '%') continue;
    uint32_t d = unit_at(t, i + 1);
    bool takes = d == 's' || d == 'd' || d == 'i' || d == 'c' || d == 'f' || d == 'j' || d == 'o' || d == 'O';
    if (d != '%' && !(takes && used < n)) continue;
    write_utf8(fd, t, start, i);
    start = i + 2;
    i++;
    if (d == '%') { ostc_write_out(fd, "%", 1); continue; }
    const ostc_fmt_part *a = &p[used++];
    if (d == 'c') continue;
    if (d == 's') { log_part(fd, a); continue; }
    if ((d == 'd' || d == 'i') && a->kind != OSTC_F_STR) {
      if (a->kind == OSTC_F_BOOL) { if (d == 'd') ostc_write_out(fd, a->v.i ? "1" : "0", 1); else ostc_write_out(fd, "NaN", 3); }
      else log_part(fd, a);
      continue;
    }
    ostc_trap("console.log format directive whose Node output ostc does not reproduce", "console.log");
  }
  write_utf8(fd, t, start, len);
  return used;
}
void ostc_console_log(int fd, const ostc_fmt_part *p, int32_t n) {
  int32_t first = 0;
  if (n > 1 && p[0].kind == OSTC_F_STR && p[0].v.s) first = log_format(fd, p, n);
  for (int32_t i = first; i < n; i++) {
    if (i) ostc_write_out(fd, " ", 1);
    log_part(fd, &p[i]);
  }
  ostc_write_out(fd, "\n", 1);
}

/* ---------------- 64-bit division (libgcc is not available for i386 here) ---------------- */
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem) {
  if ((d >> 32) == 0 && (n >> 32) < d) {
    /* Quotient fits in 32 bits: one divl. */
    uint32_t q, r;
    __asm__("divl %4" : "=a"(q), "=d"(r) : "a"((uint32_t)n), "d"((uint32_t)(n >> 32)), "rm"((uint32_t)d));
    if (rem) *rem = r;
    return q;
  }
  uint64_t q = 0, r = 0;
  for (int i = 63; i >= 0; i--) {
    r = (r << 1) | ((n >> i) & 1);
    if (r >= d) { r -= d; q |= (uint64_t)1 << i; }
  }
  if (rem) *rem = r;
  return q;
}
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __udivdi3(uint64_t n, uint64_t d) { return __udivmoddi4(n, d, 0); }
uint64_t __umoddi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d) { uint64_t r; __udivmoddi4(n, d, &r); return r; }
int64_t __divdi3(int64_t n, int64_t d);
int64_t __divdi3(int64_t n, int64_t d) {
  uint64_t un = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n, ud = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
  uint64_t q = __udivmoddi4(un, ud, 0);
  return (int64_t)((n < 0) != (d < 0) ? (uint64_t)0 - q : q);
}
/* Quotient and remainder at once: gcc 12 calls it when a function needs both of one division. */
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem);
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem) {
  uint64_t un = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n, ud = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d, r;
  uint64_t q = __udivmoddi4(un, ud, &r);
  if (rem) *rem = (int64_t)(n < 0 ? (uint64_t)0 - r : r);
  return (int64_t)((n < 0) != (d < 0) ? (uint64_t)0 - q : q);
}
int64_t __moddi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d) {
  uint64_t un = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n, ud = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d, r;
  __udivmoddi4(un, ud, &r);
  return (int64_t)(n < 0 ? (uint64_t)0 - r : r);
}
