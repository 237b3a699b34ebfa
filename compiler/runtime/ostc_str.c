/*
 * ostc strings: JavaScript's strings (sequences of UTF-16 code units) in two forms, like V8's.
 * The one-byte form holds units up to U+00FF, one byte each; the two-byte form holds uint16_t
 * units and is used only when some unit is above U+00FF. Every operation accepts both forms, in
 * any mix, and returns the canonical form, so that equal strings have equal headers and bytes.
 * Case mapping is in ostc_case.c.
 */
#include "ostc.h"
#include "ostc_unicode.h"

const ostc_string ostc_empty_string = { 0 };

#define LEN(s) OSTC_STR_LEN(s)
#define WIDE(s) OSTC_STR_IS_TWO_BYTE(s)
#define U8(s) ((const uint8_t *)(s)->data)
#define U16(s) OSTC_STR_U16(s)
#define UNIT(s, i) (WIDE(s) ? (uint32_t)U16(s)[i] : (uint32_t)U8(s)[i])

/* ostc_alloc zeroes, so the string is NUL-terminated. Lengths beyond JavaScript's limit trap,
 * as V8 throws a RangeError. */
ostc_string *ostc_str_alloc(int32_t n, bool two_byte) {
  if ((uint32_t)n > OSTC_STR_MAX_LEN) ostc_trap("invalid string length (RangeError in JavaScript)", "string");
  ostc_string *s = ostc_alloc(sizeof(int32_t) + ((uint32_t)n + 1) * (two_byte ? 2u : 1u));
  s->header = two_byte ? (n | OSTC_STR_TWO_BYTE) : n;
  return s;
}
static uint16_t *u16_of(ostc_string *s) { return (uint16_t *)(void *)s->data; }

/* Copies units [from, from + n) of src to unit `at` of dst. A one-byte dst means the caller
 * knows that the units fit in a byte (it chose the result's form). */
static void copy_units(ostc_string *dst, int32_t at, ostc_str src, int32_t from, int32_t n) {
  if (n <= 0) return;
  if (!WIDE(dst)) {
    if (!WIDE(src)) { ostc_copy(dst->data + at, src->data + from, (uint32_t)n); return; }
    for (int32_t i = 0; i < n; i++) dst->data[at + i] = (char)U16(src)[from + i];
  } else if (WIDE(src)) {
    ostc_copy(u16_of(dst) + at, U16(src) + from, (uint32_t)n * 2u);
  } else {
    for (int32_t i = 0; i < n; i++) u16_of(dst)[at + i] = U8(src)[from + i];
  }
}

/* Do units [from, from + n) of s all fit in a byte? */
static bool fits_byte(ostc_str s, int32_t from, int32_t n) {
  if (!WIDE(s)) return true;
  for (int32_t i = 0; i < n; i++) if (U16(s)[from + i] > 0xFF) return false;
  return true;
}

ostc_str ostc_str_new(const char *p, int32_t n) {
  if (n <= 0) return &ostc_empty_string;
  ostc_string *s = ostc_str_alloc(n, false);
  ostc_copy(s->data, p, (uint32_t)n);
  return s;
}
ostc_str ostc_str_from_units(const uint16_t *u, int32_t n) {
  if (n <= 0) return &ostc_empty_string;
  bool wide = false;
  for (int32_t i = 0; i < n && !wide; i++) wide = u[i] > 0xFF;
  ostc_string *s = ostc_str_alloc(n, wide);
  if (wide) ostc_copy(u16_of(s), u, (uint32_t)n * 2u);
  else for (int32_t i = 0; i < n; i++) s->data[i] = (char)u[i];
  return s;
}
/* A new string of units [from, from + n) of s, in canonical form. */
static ostc_str str_range(ostc_str s, int32_t from, int32_t n) {
  if (n <= 0) return &ostc_empty_string;
  if (!WIDE(s)) return ostc_str_new(s->data + from, n);
  return ostc_str_from_units(U16(s) + from, n);
}
static int32_t clamp_index(int32_t i, int32_t len) {
  if (i < 0) { i += len; if (i < 0) i = 0; }
  if (i > len) i = len;
  return i;
}
static int32_t clamp(int32_t i, int32_t len) { return i < 0 ? 0 : i > len ? len : i; }

/* stringFromBytes: bytes.slice(start, end) as a string, one character per u8. */
ostc_str ostc_str_from_bytes(ostc_array *bytes, int32_t start, int32_t end) {
  int32_t a = clamp_index(start, bytes->len), b = clamp_index(end, bytes->len);
  return b > a ? ostc_str_new((const char *)bytes->data + a, b - a) : &ostc_empty_string;
}
/* stringFromMemory: the n bytes at addr, one character each. */
ostc_str ostc_str_from_memory(uint32_t addr, int32_t n) {
  return n > 0 ? ostc_str_new((const char *)(uintptr_t)addr, n) : &ostc_empty_string;
}

ostc_str ostc_str_concat(ostc_str a, ostc_str b) {
  int32_t la = LEN(a), lb = LEN(b);
  if (la == 0) return b;
  if (lb == 0) return a;
  ostc_string *s = ostc_str_alloc(la + lb, WIDE(a) || WIDE(b));
  copy_units(s, 0, a, 0, la);
  copy_units(s, la, b, 0, lb);
  return s;
}
/* Are the n bytes at x and y equal? A word at a time: string data is 4-byte aligned. */
static inline bool same_bytes(const char *x, const char *y, uint32_t n) {
  uint32_t w = n / 4;
  for (uint32_t k = 0; k < w; k++) if (((const uint32_t *)(const void *)x)[k] != ((const uint32_t *)(const void *)y)[k]) return false;
  for (uint32_t k = w * 4; k < n; k++) if (x[k] != y[k]) return false;
  return true;
}
bool ostc_str_eq(ostc_str a, ostc_str b) {
  if (a == b) return true;
  if (!a || !b || a->header != b->header) return false;
  return same_bytes(a->data, b->data, (uint32_t)LEN(a) << WIDE(a));
}
/* < and > compare code unit by code unit, as JavaScript does. */
int32_t ostc_str_cmp(ostc_str a, ostc_str b) {
  int32_t la = LEN(a), lb = LEN(b), n = la < lb ? la : lb;
  if (!WIDE(a) && !WIDE(b)) {
    for (int32_t i = 0; i < n; i++) if (U8(a)[i] != U8(b)[i]) return U8(a)[i] < U8(b)[i] ? -1 : 1;
  } else {
    for (int32_t i = 0; i < n; i++) {
      uint32_t x = UNIT(a, i), y = UNIT(b, i);
      if (x != y) return x < y ? -1 : 1;
    }
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

ostc_str ostc_str_slice(ostc_str s, int32_t start, int32_t end, bool has_end) {
  int32_t len = LEN(s), a = clamp_index(start, len), b = has_end ? clamp_index(end, len) : len;
  if (a == 0 && b == len) return s;
  return str_range(s, a, b - a);
}
ostc_str ostc_str_substring(ostc_str s, int32_t start, int32_t end, bool has_end) {
  int32_t len = LEN(s), a = clamp(start, len), b = has_end ? clamp(end, len) : len;
  if (a > b) { int32_t t = a; a = b; b = t; }
  return str_range(s, a, b - a);
}

/* Do the n units at h equal those at p? */
#define SAME_UNITS(h, p, n) ({ int32_t k_ = 0; while (k_ < (n) && (h)[k_] == (p)[k_]) k_++; k_ == (n); })
/* Does sub occur in s at unit i (i + LEN(sub) ≤ LEN(s))? */
static inline bool occurs_at(ostc_str s, int32_t i, ostc_str sub) {
  int32_t n = LEN(sub);
  if (WIDE(sub)) return WIDE(s) && SAME_UNITS(U16(s) + i, U16(sub), n); /* sub has a unit above U+00FF */
  return WIDE(s) ? SAME_UNITS(U16(s) + i, U8(sub), n) : SAME_UNITS(U8(s) + i, U8(sub), n);
}
int32_t ostc_str_index_of(ostc_str s, ostc_str sub, int32_t from) {
  int32_t len = LEN(s), n = LEN(sub), i = clamp(from, len);
  if (n == 0) return i;
  if (WIDE(sub) && !WIDE(s)) return -1;
  /* Candidates are where the first unit matches. */
  uint32_t first = UNIT(sub, 0);
  if (!WIDE(s)) {
    for (const uint8_t *h = U8(s); i + n <= len; i++) if (h[i] == first && occurs_at(s, i, sub)) return i;
  } else {
    for (const uint16_t *h = U16(s); i + n <= len; i++) if (h[i] == first && occurs_at(s, i, sub)) return i;
  }
  return -1;
}
int32_t ostc_str_last_index_of(ostc_str s, ostc_str sub, int32_t from, bool has_from) {
  int32_t len = LEN(s), n = LEN(sub), i = len - n;
  if (has_from && from < i) i = from < 0 ? 0 : from;
  if (n == 0 || i < 0) return i < 0 ? -1 : i;
  uint32_t first = UNIT(sub, 0);
  for (; i >= 0; i--) if (UNIT(s, i) == first && occurs_at(s, i, sub)) return i;
  return -1;
}
bool ostc_str_starts_with(ostc_str s, ostc_str p, int32_t pos) {
  int32_t at = clamp(pos, LEN(s));
  return LEN(p) <= LEN(s) - at && occurs_at(s, at, p);
}
bool ostc_str_ends_with(ostc_str s, ostc_str p, int32_t end, bool has_end) {
  int32_t e = has_end ? clamp(end, LEN(s)) : LEN(s);
  return LEN(p) <= e && occurs_at(s, e - LEN(p), p);
}

/*
 * Strings of one code point are interned, so that charAt, s[i], String.fromCharCode and for…of
 * never allocate: units up to U+00FF in a static table, other code points in pages of 256 that
 * are allocated on first use, found through a directory per Unicode plane.
 */
#define CHAR1(c) { 1, { (char)(c) } }
#define CHAR4(c) CHAR1(c), CHAR1((c) + 1), CHAR1((c) + 2), CHAR1((c) + 3)
#define CHAR16(c) CHAR4(c), CHAR4((c) + 4), CHAR4((c) + 8), CHAR4((c) + 12)
#define CHAR64(c) CHAR16(c), CHAR16((c) + 16), CHAR16((c) + 32), CHAR16((c) + 48)
const ostc_char1 ostc_one_byte_chars[256] = { CHAR64(0), CHAR64(64), CHAR64(128), CHAR64(192) };
typedef struct wide_char { int32_t header; uint16_t data[3]; } wide_char;
enum { PLANES = 17, PAGE = 256 };
static wide_char **wide_planes[PLANES];

/* Installs *slot = fresh unless another CPU got there first; returns what the slot holds. */
static void *install(void **slot, void *fresh) {
  void *expected = 0;
  if (__atomic_compare_exchange_n(slot, &expected, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return fresh;
  ostc_free(fresh);
  return expected;
}
/* The interned slot of code point cp above U+00FF, allocating its page when `create`. */
static wide_char *wide_slot(uint32_t cp, bool create) {
  wide_char ***plane = &wide_planes[cp >> 16];
  wide_char **dir = __atomic_load_n(plane, __ATOMIC_ACQUIRE);
  if (!dir) {
    if (!create) return 0;
    dir = install((void **)plane, ostc_alloc(PAGE * sizeof(wide_char *)));
  }
  wide_char **page_slot = &dir[(cp >> 8) & 0xFF];
  wide_char *page = __atomic_load_n(page_slot, __ATOMIC_ACQUIRE);
  if (!page) {
    if (!create) return 0;
    page = install((void **)page_slot, ostc_alloc(PAGE * sizeof(wide_char)));
  }
  return &page[cp & 0xFF];
}
/* The interned string of one code point (a surrogate pair above U+FFFF). */
static ostc_str code_point_string(uint32_t cp) {
  if (cp <= 0xFF) return (ostc_str)(const void *)&ostc_one_byte_chars[cp];
  wide_char *c = wide_slot(cp, true);
  /* Every caller stores the same values, so concurrent first uses agree. */
  if (cp <= 0xFFFF) {
    c->data[0] = (uint16_t)cp;
    c->header = 1 | OSTC_STR_TWO_BYTE;
  } else {
    c->data[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
    c->data[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    c->header = 2 | OSTC_STR_TWO_BYTE;
  }
  return (ostc_str)(const void *)c;
}
/* Is s one of the interned two-byte strings (which dispose must leave alone)? */
bool ostc_str_is_interned(ostc_str s) {
  if (!WIDE(s) || LEN(s) > 2) return false; /* one-byte ones are static data */
  uint32_t cp = U16(s)[0];
  if (LEN(s) == 2) {
    uint32_t lo = U16(s)[1];
    if (cp < 0xD800 || cp > 0xDBFF || lo < 0xDC00 || lo > 0xDFFF) return false;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  }
  return (const void *)wide_slot(cp, false) == (const void *)s;
}

ostc_str ostc_str_from_char_code(int32_t c) {
  return code_point_string((uint16_t)c);
}
/* String.fromCharCode(a, b, …): each argument taken modulo 2^16 (ToUint16). */
ostc_str ostc_str_from_char_codes(const int32_t *codes, int32_t n) {
  if (n <= 1) return n ? ostc_str_from_char_code(codes[0]) : &ostc_empty_string;
  uint16_t units[n];
  for (int32_t i = 0; i < n; i++) units[i] = (uint16_t)codes[i];
  return ostc_str_from_units(units, n);
}
/* String.fromCodePoint(a, b, …): code points beyond U+FFFF become surrogate pairs. */
ostc_str ostc_str_from_code_points(const int32_t *cps, int32_t n, const char *loc) {
  int32_t units = 0;
  bool wide = false;
  for (int32_t i = 0; i < n; i++) {
    if ((uint32_t)cps[i] > 0x10FFFF) ostc_trap("invalid code point (RangeError in JavaScript)", loc);
    units += cps[i] > 0xFFFF ? 2 : 1;
    wide |= cps[i] > 0xFF;
  }
  if (n == 1) return code_point_string((uint32_t)cps[0]);
  if (units == 0) return &ostc_empty_string;
  ostc_string *s = ostc_str_alloc(units, wide);
  for (int32_t i = 0, o = 0; i < n; i++) {
    uint32_t cp = (uint32_t)cps[i];
    if (!wide) s->data[o++] = (char)cp;
    else if (cp <= 0xFFFF) u16_of(s)[o++] = (uint16_t)cp;
    else { u16_of(s)[o++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10)); u16_of(s)[o++] = (uint16_t)(0xDC00 + (cp & 0x3FF)); }
  }
  return s;
}

ostc_str ostc_str_char_at(ostc_str s, int32_t i) {
  if (i < 0 || i >= LEN(s)) return &ostc_empty_string;
  return code_point_string(UNIT(s, i));
}
int32_t ostc_str_code_point_at(ostc_str s, int32_t i, const char *loc) {
  if (i < 0 || i >= LEN(s)) ostc_trap("codePointAt index out of range (undefined in JavaScript)", loc);
  int32_t units;
  return (int32_t)ostc_code_point(s, i, &units);
}
/* s[i]: JavaScript gives undefined outside the string, ostc traps. */
ostc_str ostc_str_element(ostc_str s, int32_t i, const char *loc) {
  if (i < 0 || i >= LEN(s)) ostc_trap("string index out of range (undefined in JavaScript)", loc);
  return code_point_string(UNIT(s, i));
}
ostc_str ostc_str_at(ostc_str s, int32_t i, const char *loc) {
  if (i < 0) i += LEN(s);
  if (i < 0 || i >= LEN(s)) ostc_trap("at index out of range (undefined in JavaScript)", loc);
  return code_point_string(UNIT(s, i));
}
/* The code point at unit i of a two-byte string, as a string (OSTC_STR_ITER_AT). */
ostc_str ostc_str_code_point_str(ostc_str s, int32_t i) {
  int32_t units;
  return code_point_string(ostc_code_point(s, i, &units));
}

ostc_str ostc_str_repeat(ostc_str s, int32_t n, const char *loc) {
  if (n < 0) ostc_trap("invalid count for repeat", loc);
  int32_t len = LEN(s);
  if (n == 0 || len == 0) return &ostc_empty_string;
  if ((int64_t)len * n > OSTC_STR_MAX_LEN) ostc_trap("invalid string length (RangeError in JavaScript)", loc);
  ostc_string *r = ostc_str_alloc(len * n, WIDE(s));
  uint32_t bytes = (uint32_t)len << WIDE(s);
  for (int32_t i = 0; i < n; i++) ostc_copy(r->data + (uint32_t)i * bytes, s->data, bytes);
  return r;
}

/* JavaScript's white space and line terminators (what trim removes). */
static bool is_space(uint32_t c) {
  if (c <= 0xFF) return c == ' ' || (c >= 9 && c <= 13) || c == 0xA0;
  return ostc_in_ranges(ostc_space_ranges, ostc_space_ranges_count, c);
}
ostc_str ostc_str_trim(ostc_str s, bool start, bool end) {
  int32_t a = 0, b = LEN(s);
  while (start && a < b && is_space(UNIT(s, a))) a++;
  while (end && b > a && is_space(UNIT(s, b - 1))) b--;
  return ostc_str_slice(s, a, b, true);
}

/* padStart/padEnd: fill repeated (its last repetition cut to fit) up to len units. */
ostc_str ostc_str_pad(ostc_str s, int32_t len, ostc_str fill, bool start) {
  int32_t slen = LEN(s), flen = LEN(fill);
  if (len <= slen || flen == 0) return s;
  int32_t pad = len - slen, whole = pad / flen, rest = pad % flen;
  bool wide = WIDE(s) || !fits_byte(fill, 0, whole > 0 ? flen : rest);
  ostc_string *r = ostc_str_alloc(len, wide);
  int32_t at = start ? 0 : slen;
  for (int32_t i = 0; i < whole; i++) copy_units(r, at + i * flen, fill, 0, flen);
  copy_units(r, at + whole * flen, fill, 0, rest);
  copy_units(r, start ? pad : 0, s, 0, slen);
  return r;
}

/* split(sep, limit): at most `limit` pieces (a u32, as JavaScript's ToUint32 makes it). */
ostc_array *ostc_str_split(ostc_str s, ostc_str sep, uint32_t limit) {
  ostc_array *a = ostc_array_new(0, sizeof(ostc_str));
  int32_t len = LEN(s), n = LEN(sep);
  if (limit == 0) return a;
  if (n == 0) {
    for (int32_t i = 0; i < len && (uint32_t)a->len < limit; i++) OSTC_PUSH(ostc_str, a, ostc_str_char_at(s, i));
    return a;
  }
  int32_t from = 0;
  for (int32_t at; (at = ostc_str_index_of(s, sep, from)) >= 0; from = at + n) {
    OSTC_PUSH(ostc_str, a, str_range(s, from, at - from));
    if ((uint32_t)a->len == limit) return a;
  }
  OSTC_PUSH(ostc_str, a, str_range(s, from, len - from));
  return a;
}
ostc_str ostc_array_join(ostc_array *a, ostc_str sep) {
  const ostc_str *e = a->data;
  int32_t n = 0;
  bool wide = a->len > 1 && WIDE(sep);
  for (int32_t i = 0; i < a->len; i++) {
    int64_t total = (int64_t)n + LEN(e[i]) + (i ? LEN(sep) : 0);
    if (total > OSTC_STR_MAX_LEN) ostc_trap("invalid string length (RangeError in JavaScript)", "join");
    n = (int32_t)total;
    wide |= WIDE(e[i]);
  }
  ostc_string *r = ostc_str_alloc(n, wide);
  for (int32_t i = 0, o = 0; i < a->len; i++) {
    if (i) { copy_units(r, o, sep, 0, LEN(sep)); o += LEN(sep); }
    copy_units(r, o, e[i], 0, LEN(e[i])); o += LEN(e[i]);
  }
  return r;
}

/* Appends the units of s to out at *o (formatting: out has the form the whole result needs). */
void ostc_str_append(ostc_string *out, int32_t *o, ostc_str s) {
  copy_units(out, *o, s, 0, LEN(s));
  *o += LEN(s);
}

/*
 * UTF-8, the way Node writes a string to a stream: a surrogate pair is one four-byte sequence, a
 * lone surrogate becomes U+FFFD. Encodes units [*i, end) of s into out until fewer than 4 bytes
 * of `room` are left; advances *i and returns the bytes written.
 */
int32_t ostc_str_utf8(ostc_str s, int32_t *i, int32_t end, char *out, int32_t room) {
  int32_t o = 0;
  while (*i < end && room - o >= 4) {
    uint32_t c = UNIT(s, *i);
    if (c < 0x80) { out[o++] = (char)c; (*i)++; continue; }
    int32_t units;
    c = ostc_code_point(s, *i, &units);
    if (units == 1 && c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
    *i += units;
    if (c < 0x800) { out[o++] = (char)(0xC0 | (c >> 6)); }
    else if (c < 0x10000) { out[o++] = (char)(0xE0 | (c >> 12)); out[o++] = (char)(0x80 | ((c >> 6) & 0x3F)); }
    else { out[o++] = (char)(0xF0 | (c >> 18)); out[o++] = (char)(0x80 | ((c >> 12) & 0x3F)); out[o++] = (char)(0x80 | ((c >> 6) & 0x3F)); }
    out[o++] = (char)(0x80 | (c & 0x3F));
  }
  return o;
}

/* panic(msg): the message as NUL-terminated UTF-8 (at most PANIC_MAX bytes) for the target's trap. */
enum { PANIC_MAX = 4096 };
OSTC_NORETURN void ostc_panic(ostc_str msg, const char *loc) {
  int32_t room = LEN(msg) < PANIC_MAX / 3 ? LEN(msg) * 3 + 4 : PANIC_MAX; /* a unit takes at most 3 bytes */
  char buf[room + 1];
  int32_t i = 0, n = ostc_str_utf8(msg, &i, LEN(msg), buf, room);
  buf[n] = 0;
  ostc_trap(buf, loc);
}

/* addressOf(s): where the one-byte form's bytes are (binary data: one byte per character). */
uint32_t ostc_str_bytes_address(ostc_str s, const char *loc) {
  if (WIDE(s)) ostc_trap("addressOf a string with characters beyond U+00FF (it has no one-byte form)", loc);
  return (uint32_t)(uintptr_t)s->data;
}
