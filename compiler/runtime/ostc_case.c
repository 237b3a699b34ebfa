/*
 * toUpperCase and toLowerCase, as Node.js maps case (locale-independent, full Unicode): one code
 * point may become several (ß → SS, ΐ → Ϊ́, İ → i̇), and a capital sigma lowers to the final form ς
 * when it ends a word (Unicode's Final_Sigma). The mappings come from ostc_unicode.c, generated
 * from Node itself. One-byte strings without µ, ß or ÿ never leave the one-byte form.
 */
#include "ostc.h"
#include "ostc_unicode.h"

/* The run-encoded simple mapping of cp, or cp itself. */
static uint32_t map_run(const ostc_case_run *runs, int32_t n, uint32_t cp) {
  int32_t lo = 0, hi = n; /* the run that may hold cp is the last one starting at or before it */
  while (lo < hi) { int32_t mid = lo + (hi - lo) / 2; if ((runs[mid].packed >> 8) <= cp) lo = mid + 1; else hi = mid; }
  if (lo == 0) return cp;
  const ostc_case_run *r = &runs[lo - 1];
  uint32_t start = r->packed >> 8, count = ((r->packed >> 1) & 0x7F) + 1, stride = (r->packed & 1) + 1, off = cp - start;
  return off % stride == 0 && off / stride < count ? (uint32_t)((int32_t)cp + r->delta) : cp;
}
static const ostc_case_expansion *find_expansion(const ostc_case_expansion *t, int32_t n, uint32_t cp) {
  int32_t lo = 0, hi = n - 1;
  while (lo <= hi) {
    int32_t mid = lo + (hi - lo) / 2;
    if (t[mid].cp == cp) return &t[mid];
    if (t[mid].cp < cp) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

/* Is the code point sequence next to unit `at` (after it when dir > 0, before it otherwise) a
 * cased letter, once case-ignorable code points are skipped? ICU's test, which Node uses. */
static bool cased_letter_beside(ostc_str s, int32_t at, int dir) {
  const uint16_t *u = OSTC_STR_U16(s);
  for (;;) {
    uint32_t c;
    if (dir > 0) {
      if (at >= OSTC_STR_LEN(s)) return false;
      int32_t units;
      c = ostc_code_point(s, at, &units);
      at += units;
    } else {
      if (at <= 0) return false;
      c = u[--at];
      if (c >= 0xDC00 && c <= 0xDFFF && at > 0 && u[at - 1] >= 0xD800 && u[at - 1] <= 0xDBFF) c = 0x10000 + ((u[--at] - 0xD800u) << 10) + (c - 0xDC00);
    }
    if (ostc_in_ranges(ostc_case_ignorable_ranges, ostc_case_ignorable_ranges_count, c)) continue;
    return ostc_in_ranges(ostc_cased_ranges, ostc_cased_ranges_count, c);
  }
}

/* The code points (at most 3) that cp, taking `units` units at unit i of s, maps to. */
static int32_t map_code_point(ostc_str s, int32_t i, int32_t units, uint32_t cp, bool upper, uint32_t out[3]) {
  if (cp < 0x80) {
    out[0] = upper ? (cp >= 'a' && cp <= 'z' ? cp - 32 : cp) : (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return 1;
  }
  if (!upper && cp == 0x3A3) {
    bool final = cased_letter_beside(s, i, -1) && !cased_letter_beside(s, i + units, 1);
    out[0] = final ? 0x3C2 : 0x3C3;
    return 1;
  }
  const ostc_case_expansion *x = upper ? find_expansion(ostc_upper_expansions, ostc_upper_expansions_count, cp)
                                       : find_expansion(ostc_lower_expansions, ostc_lower_expansions_count, cp);
  if (x) {
    int32_t n = 0;
    while (n < 3 && x->to[n]) { out[n] = x->to[n]; n++; }
    return n;
  }
  out[0] = upper ? map_run(ostc_upper_runs, ostc_upper_runs_count, cp) : map_run(ostc_lower_runs, ostc_lower_runs_count, cp);
  return 1;
}

/* Maps every code point of s: a first pass measures the result and its form, a second writes it. */
static ostc_str map_case(ostc_str s, bool upper) {
  int32_t len = OSTC_STR_LEN(s), n = 0;
  bool wide = false;
  uint32_t out[3];
  for (int32_t i = 0, units; i < len; i += units) {
    uint32_t cp = ostc_code_point(s, i, &units);
    int32_t k = map_code_point(s, i, units, cp, upper, out);
    for (int32_t j = 0; j < k; j++) { n += out[j] > 0xFFFF ? 2 : 1; wide |= out[j] > 0xFF; }
  }
  if (n == 0) return &ostc_empty_string;
  ostc_string *r = ostc_str_alloc(n, wide);
  uint16_t *w = (uint16_t *)(void *)r->data;
  for (int32_t i = 0, units, o = 0; i < len; i += units) {
    uint32_t cp = ostc_code_point(s, i, &units);
    int32_t k = map_code_point(s, i, units, cp, upper, out);
    for (int32_t j = 0; j < k; j++) {
      uint32_t c = out[j];
      if (!wide) r->data[o++] = (char)c;
      else if (c <= 0xFFFF) w[o++] = (uint16_t)c;
      else { w[o++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10)); w[o++] = (uint16_t)(0xDC00 + (c & 0x3FF)); }
    }
  }
  return r;
}

ostc_str ostc_str_to_upper(ostc_str s) {
  int32_t len = OSTC_STR_LEN(s), n = len;
  if (OSTC_STR_IS_TWO_BYTE(s)) return map_case(s, true);
  /* One byte: a-z and à-þ (not ÷) move down by 32 and ß becomes SS; µ and ÿ leave Latin-1. */
  for (int32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (c == 0xDF) n++;
    else if (c == 0xB5 || c == 0xFF) return map_case(s, true);
  }
  if (n == 0) return &ostc_empty_string;
  ostc_string *r = ostc_str_alloc(n, false);
  for (int32_t i = 0, o = 0; i < len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if (c == 0xDF) { r->data[o++] = 'S'; r->data[o++] = 'S'; continue; }
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) c = (unsigned char)(c - 32);
    r->data[o++] = (char)c;
  }
  return r;
}

ostc_str ostc_str_to_lower(ostc_str s) {
  int32_t len = OSTC_STR_LEN(s);
  if (OSTC_STR_IS_TWO_BYTE(s)) return map_case(s, false);
  if (len == 0) return &ostc_empty_string;
  /* One byte: A-Z and À-Þ (not ×) move up by 32; nothing leaves Latin-1. */
  ostc_string *r = ostc_str_alloc(len, false);
  for (int32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s->data[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) c = (unsigned char)(c + 32);
    r->data[i] = (char)c;
  }
  return r;
}
