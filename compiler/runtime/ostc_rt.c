/*
 * ostc core runtime shared by every target: strings, arrays, formatting and the mem* functions
 * gcc may emit calls to. Allocation, output and traps come from the target (ostc_user.c or the
 * kernel).
 */
#include "ostc.h"

const ostc_string ostc_empty_string = { 0 };

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
#if defined(__i386__)
  void *dp = d; const void *sp = s;
  size_t words = n >> 2, rest = n & 3;
  __asm__ volatile("rep movsl" : "+D"(dp), "+S"(sp), "+c"(words) : : "memory");
  __asm__ volatile("rep movsb" : "+D"(dp), "+S"(sp), "+c"(rest) : : "memory");
#else
  unsigned char *dp = d; const unsigned char *sp = s;
  while (n >= 4) { *(uint32_t *)(void *)dp = *(const uint32_t *)(const void *)sp; dp += 4; sp += 4; n -= 4; }
  while (n--) *dp++ = *sp++;
#endif
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
  if (!s || ostc_is_static_memory(s)) return;
  ostc_dispose((void *)s, loc);
}

/* ---------------- strings ---------------- */
static ostc_string *str_alloc(int32_t n) {
  ostc_string *s = ostc_alloc(sizeof(int32_t) + (uint32_t)n + 1);
  s->len = n;
  return s;
}
ostc_str ostc_str_new(const char *p, int32_t n) {
  if (n == 0) return &ostc_empty_string;
  ostc_string *s = str_alloc(n);
  memcpy(s->data, p, (uint32_t)n);
  return s;
}
static int32_t clamp_index(int32_t i, int32_t len);
/* stringFromBytes: bytes.slice(start, end) as a string, one character per u8. */
ostc_str ostc_str_from_bytes(ostc_array *bytes, int32_t start, int32_t end) {
  int32_t a = clamp_index(start, bytes->len), b = clamp_index(end, bytes->len);
  return b > a ? ostc_str_new((const char *)bytes->data + a, b - a) : &ostc_empty_string;
}
/* stringFromMemory: the n bytes at addr. */
ostc_str ostc_str_from_memory(uint32_t addr, int32_t n) {
  return n > 0 ? ostc_str_new((const char *)(uintptr_t)addr, n) : &ostc_empty_string;
}
ostc_str ostc_str_concat(ostc_str a, ostc_str b) {
  if (a->len == 0) return b;
  if (b->len == 0) return a;
  ostc_string *s = str_alloc(a->len + b->len);
  memcpy(s->data, a->data, (uint32_t)a->len);
  memcpy(s->data + a->len, b->data, (uint32_t)b->len);
  return s;
}
bool ostc_str_eq(ostc_str a, ostc_str b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->len == b->len && memcmp(a->data, b->data, (uint32_t)a->len) == 0;
}
int32_t ostc_str_cmp(ostc_str a, ostc_str b) {
  int32_t n = a->len < b->len ? a->len : b->len;
  for (int32_t i = 0; i < n; i++) {
    unsigned char x = (unsigned char)a->data[i], y = (unsigned char)b->data[i];
    if (x != y) return x < y ? -1 : 1;
  }
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}
static int32_t clamp_index(int32_t i, int32_t len) {
  if (i < 0) { i += len; if (i < 0) i = 0; }
  if (i > len) i = len;
  return i;
}
ostc_str ostc_str_slice(ostc_str s, int32_t start, int32_t end, bool has_end) {
  int32_t a = clamp_index(start, s->len), b = has_end ? clamp_index(end, s->len) : s->len;
  if (b <= a) return &ostc_empty_string;
  if (a == 0 && b == s->len) return s;
  return ostc_str_new(s->data + a, b - a);
}
ostc_str ostc_str_substring(ostc_str s, int32_t start, int32_t end, bool has_end) {
  int32_t a = start < 0 ? 0 : start > s->len ? s->len : start;
  int32_t b = !has_end ? s->len : end < 0 ? 0 : end > s->len ? s->len : end;
  if (a > b) { int32_t t = a; a = b; b = t; }
  return ostc_str_new(s->data + a, b - a);
}
int32_t ostc_str_index_of(ostc_str s, ostc_str sub, int32_t from) {
  if (from < 0) from = 0;
  if (from > s->len) from = s->len;
  for (int32_t i = from; i + sub->len <= s->len; i++)
    if (memcmp(s->data + i, sub->data, (uint32_t)sub->len) == 0) return i;
  return -1;
}
int32_t ostc_str_last_index_of(ostc_str s, ostc_str sub) {
  for (int32_t i = s->len - sub->len; i >= 0; i--)
    if (memcmp(s->data + i, sub->data, (uint32_t)sub->len) == 0) return i;
  return -1;
}
bool ostc_str_starts_with(ostc_str s, ostc_str p) {
  return p->len <= s->len && memcmp(s->data, p->data, (uint32_t)p->len) == 0;
}
bool ostc_str_ends_with(ostc_str s, ostc_str p) {
  return p->len <= s->len && memcmp(s->data + s->len - p->len, p->data, (uint32_t)p->len) == 0;
}
/* One-character strings are interned: charAt and fromCharCode never allocate. */
static struct { int32_t len; char data[4]; } ostc_char_table[256];
ostc_str ostc_str_from_char_code(int32_t c) {
  uint8_t b = (uint8_t)c;
  ostc_char_table[b].len = 1;
  ostc_char_table[b].data[0] = (char)b;
  return (ostc_str)(const void *)&ostc_char_table[b];
}
ostc_str ostc_str_char_at(ostc_str s, int32_t i) {
  if (i < 0 || i >= s->len) return &ostc_empty_string;
  return ostc_str_from_char_code((unsigned char)s->data[i]);
}
int32_t ostc_str_char_code_at(ostc_str s, int32_t i, const char *loc) {
  if (i < 0 || i >= s->len) ostc_trap("charCodeAt index out of range (NaN in JavaScript)", loc);
  return (unsigned char)s->data[i];
}
ostc_str ostc_str_repeat(ostc_str s, int32_t n, const char *loc) {
  if (n < 0) ostc_trap("invalid count for repeat", loc);
  if (n == 0 || s->len == 0) return &ostc_empty_string;
  ostc_string *r = str_alloc(s->len * n);
  for (int32_t i = 0; i < n; i++) memcpy(r->data + i * s->len, s->data, (uint32_t)s->len);
  return r;
}
static bool is_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || c == 0xA0; }
ostc_str ostc_str_trim(ostc_str s) {
  int32_t a = 0, b = s->len;
  while (a < b && is_space((unsigned char)s->data[a])) a++;
  while (b > a && is_space((unsigned char)s->data[b - 1])) b--;
  return ostc_str_slice(s, a, b, true);
}
/* Case mapping of Latin-1 as JavaScript does it: à-þ (not ÷) ↔ À-Þ (not ×), ß upper-cases to "SS";
 * µ and ÿ upper-case to letters beyond U+00FF, which one-byte strings cannot hold. */
ostc_str ostc_str_to_upper(ostc_str s, const char *loc) {
  int32_t n = s->len;
  for (int32_t i = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (c == 0xDF) n++;
    else if (c == 0xB5 || c == 0xFF) ostc_trap("toUpperCase gives a character beyond U+00FF", loc);
  }
  ostc_string *r = str_alloc(n);
  for (int32_t i = 0, o = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (c == 0xDF) { r->data[o++] = 'S'; r->data[o++] = 'S'; continue; }
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) c = (unsigned char)(c - 32);
    r->data[o++] = (char)c;
  }
  return r;
}
ostc_str ostc_str_to_lower(ostc_str s) {
  ostc_string *r = str_alloc(s->len);
  for (int32_t i = 0; i < s->len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) c = (unsigned char)(c + 32);
    r->data[i] = (char)c;
  }
  return r;
}
ostc_str ostc_str_pad(ostc_str s, int32_t len, ostc_str fill, bool start) {
  if (len <= s->len || fill->len == 0) return s;
  ostc_string *r = str_alloc(len);
  int32_t pad = len - s->len, off = start ? 0 : s->len;
  for (int32_t i = 0; i < pad; i++) r->data[off + i] = fill->data[i % fill->len];
  memcpy(r->data + (start ? pad : 0), s->data, (uint32_t)s->len);
  return r;
}
ostc_array *ostc_str_split(ostc_str s, ostc_str sep) {
  ostc_array *a = ostc_array_new(0, sizeof(ostc_str));
  if (sep->len == 0) {
    for (int32_t i = 0; i < s->len; i++) OSTC_PUSH(ostc_str, a, ostc_str_char_at(s, i));
    return a;
  }
  int32_t from = 0;
  for (;;) {
    int32_t at = ostc_str_index_of(s, sep, from);
    if (at < 0) break;
    OSTC_PUSH(ostc_str, a, ostc_str_new(s->data + from, at - from));
    from = at + sep->len;
  }
  OSTC_PUSH(ostc_str, a, ostc_str_new(s->data + from, s->len - from));
  return a;
}
ostc_str ostc_array_join(ostc_array *a, ostc_str sep) {
  ostc_str *e = a->data;
  int32_t n = 0;
  for (int32_t i = 0; i < a->len; i++) n += e[i]->len + (i ? sep->len : 0);
  ostc_string *r = str_alloc(n);
  int32_t o = 0;
  for (int32_t i = 0; i < a->len; i++) {
    if (i) { memcpy(r->data + o, sep->data, (uint32_t)sep->len); o += sep->len; }
    memcpy(r->data + o, e[i]->data, (uint32_t)e[i]->len); o += e[i]->len;
  }
  return r;
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
    case OSTC_F_STR: return p->v.s ? p->v.s->len : 4;
    case OSTC_F_BOOL: return p->v.i ? 4 : 5;
    case OSTC_F_I64: case OSTC_F_BIGINT_I: return ostc_format_i64(p->v.i, tmp) + (p->kind == OSTC_F_BIGINT_I);
    default: return ostc_format_u64(p->v.u, tmp) + (p->kind == OSTC_F_BIGINT_U);
  }
}
static int32_t part_write(const ostc_fmt_part *p, char *out) {
  switch (p->kind) {
    case OSTC_F_STR:
      if (!p->v.s) { memcpy(out, "null", 4); return 4; }
      memcpy(out, p->v.s->data, (uint32_t)p->v.s->len); return p->v.s->len;
    case OSTC_F_BOOL: if (p->v.i) { memcpy(out, "true", 4); return 4; } memcpy(out, "false", 5); return 5;
    case OSTC_F_I64: return ostc_format_i64(p->v.i, out);
    case OSTC_F_U64: return ostc_format_u64(p->v.u, out);
    case OSTC_F_BIGINT_I: { int32_t n = ostc_format_i64(p->v.i, out); out[n] = 'n'; return n + 1; }
    default: { int32_t n = ostc_format_u64(p->v.u, out); out[n] = 'n'; return n + 1; }
  }
}
int32_t ostc_fmt_len(const ostc_fmt_part *p, int32_t n) {
  int32_t len = 0;
  for (int32_t i = 0; i < n; i++) len += part_len(&p[i]);
  return len;
}
void ostc_fmt_write(const ostc_fmt_part *p, int32_t n, char *out) {
  int32_t o = 0;
  for (int32_t i = 0; i < n; i++) o += part_write(&p[i], out + o);
  out[o] = 0;
}
ostc_str ostc_fmt_heap(const ostc_fmt_part *p, int32_t n) {
  int32_t len = ostc_fmt_len(p, n);
  if (len == 0) return &ostc_empty_string;
  ostc_string *s = str_alloc(len);
  ostc_fmt_write(p, n, s->data);
  return s;
}
/* Writes Latin-1 bytes as UTF-8, the way Node prints a string. */
static void write_utf8(int fd, const char *p, int32_t n) {
  char buf[256]; int32_t o = 0;
  for (int32_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (o > (int32_t)sizeof buf - 2) { ostc_write_out(fd, buf, o); o = 0; }
    if (c < 0x80) buf[o++] = (char)c;
    else { buf[o++] = (char)(0xC0 | (c >> 6)); buf[o++] = (char)(0x80 | (c & 0x3F)); }
  }
  if (o) ostc_write_out(fd, buf, o);
}
/* Writes one argument the way console.log prints it outside a format string. */
static void log_part(int fd, const ostc_fmt_part *p) {
  char tmp[32];
  if (p->kind == OSTC_F_STR && p->v.s) write_utf8(fd, p->v.s->data, p->v.s->len);
  else ostc_write_out(fd, tmp, part_write(p, tmp));
}
/*
 * Node's console.log treats a first string argument followed by more arguments as a util.format
 * template. %s %d %i %c and %% are applied as Node applies them to ostc's value kinds; directives
 * whose output would differ (%f %j %o %O, or %d of a string) trap instead of printing something else.
 * Returns how many arguments the template consumed.
 */
static int32_t log_format(int fd, const ostc_fmt_part *p, int32_t n) {
  ostc_str t = p[0].v.s;
  int32_t used = 1, start = 0;
  for (int32_t i = 0; i + 1 < t->len; i++) {
    if (t->data[i] != '%') continue;
    char d = t->data[i + 1];
    bool takes = d == 's' || d == 'd' || d == 'i' || d == 'c' || d == 'f' || d == 'j' || d == 'o' || d == 'O';
    if (d != '%' && !(takes && used < n)) continue;
    write_utf8(fd, t->data + start, i - start);
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
  write_utf8(fd, t->data + start, t->len - start);
  return used;
}
void ostc_console_log(int fd, const ostc_fmt_part *p, int32_t n) {
  int32_t first = 0;
  if (n > 1 && p[0].kind == OSTC_F_STR && p[0].v.s) first = log_format(fd, p, n);
  for (int32_t i = first; i < n; i++) {
    char tmp[32];
    if (i) ostc_write_out(fd, " ", 1);
    if (p[i].kind == OSTC_F_STR && p[i].v.s) write_utf8(fd, p[i].v.s->data, p[i].v.s->len);
    else ostc_write_out(fd, tmp, part_write(&p[i], tmp));
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
