/*
 * ostc runtime header: included by every C file that ostc emits. Freestanding: it uses only
 * the compiler's own <stdint.h>, <stdbool.h> and <stddef.h>. The target-specific part
 * (allocation, output, traps) is provided by ostc_user.c for programs and by the kernel.
 *
 * Checked builds (-DOSTC_CHECKED=1) trap on integer overflow, division by zero, bad narrowing,
 * out-of-bounds indexing and null dereference with the TypeScript file:line; release builds wrap.
 */
#ifndef OSTC_H
#define OSTC_H
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

#ifndef OSTC_CHECKED
#define OSTC_CHECKED 1
#endif

#define OSTC_LIKELY(x) __builtin_expect(!!(x), 1)
#define OSTC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define OSTC_NORETURN __attribute__((noreturn))

/* ---- strings: immutable sequences of UTF-16 code units, NUL-terminated, in two forms ----
 * One-byte: a byte per unit, every unit up to U+00FF (Latin-1). Two-byte: a uint16_t per unit,
 * used only when some unit is above U+00FF. The form is canonical (ostc_str.c), so equal strings
 * have equal headers and bytes. `header` is the length in units, with OSTC_STR_TWO_BYTE set for
 * the two-byte form. */
typedef struct ostc_string { int32_t header; char data[]; } ostc_string;
typedef const ostc_string *ostc_str;
#define OSTC_STR_TWO_BYTE (-0x7fffffff - 1)
#define OSTC_STR_LEN(s) ((s)->header & 0x7fffffff)
#define OSTC_STR_IS_TWO_BYTE(s) ((s)->header < 0)
#define OSTC_STR_U16(s) ((const uint16_t *)(const void *)(s)->data)
/* V8's limit: longer results are a RangeError in JavaScript and a trap here. */
#define OSTC_STR_MAX_LEN 536870888u
#define OSTC_STR_LIT(name, n, text) static const struct { int32_t header; char data[(n) + 1]; } name = { (n), text }
#define OSTC_STR_LIT16(name, n, ...) static const struct { int32_t header; uint16_t data[(n) + 1]; } name = { OSTC_STR_TWO_BYTE | (n), { __VA_ARGS__ } }

/* ---- dynamic arrays (JavaScript arrays of one element type) ----
 * cap < 0: the elements are not the array's own (a static module array, an arrayAt view), so it
 * cannot grow and dispose leaves them alone. flags says where the header itself lives. */
typedef struct ostc_array { int32_t len; int32_t cap; void *data; uint32_t flags; } ostc_array;
enum {
  OSTC_ARRAY_EMBEDDED = 1,  /* inside an object (a readonly field given a fresh array) */
  OSTC_ARRAY_STATIC = 2,    /* a module array in static storage */
};

/* ---- services the target provides ---- */
OSTC_NORETURN void ostc_trap(const char *what, const char *loc);
void *ostc_alloc(uint32_t size);          /* zeroed memory; traps when exhausted */
void ostc_free(void *p);
void ostc_write_out(int fd, const char *p, int32_t n);

/* ---- arithmetic: checked and release forms ---- */
#if OSTC_CHECKED
#define OSTC_ADD(T, a, b, loc) ({ T ostc_r_; if (OSTC_UNLIKELY(__builtin_add_overflow((a), (b), &ostc_r_))) ostc_trap("integer overflow in " #T " addition", loc); ostc_r_; })
#define OSTC_SUB(T, a, b, loc) ({ T ostc_r_; if (OSTC_UNLIKELY(__builtin_sub_overflow((a), (b), &ostc_r_))) ostc_trap("integer overflow in " #T " subtraction", loc); ostc_r_; })
#define OSTC_MUL(T, a, b, loc) ({ T ostc_r_; if (OSTC_UNLIKELY(__builtin_mul_overflow((a), (b), &ostc_r_))) ostc_trap("integer overflow in " #T " multiplication", loc); ostc_r_; })
#define OSTC_NEG(T, a, loc) ({ T ostc_r_; if (OSTC_UNLIKELY(__builtin_sub_overflow((T)0, (a), &ostc_r_))) ostc_trap("integer overflow in " #T " negation", loc); ostc_r_; })
/* Converts v to T, trapping when the value does not fit. */
#define OSTC_NARROW(T, v, loc) ({ __typeof__(v) ostc_v_ = (v); T ostc_r_ = (T)ostc_v_; \
  if (OSTC_UNLIKELY((__typeof__(v))ostc_r_ != ostc_v_ || ((ostc_r_ > (T)0) != (ostc_v_ > 0)))) ostc_trap("value out of range for " #T, loc); ostc_r_; })
#define OSTC_SHL64(T, a, b, loc) ({ T ostc_a_ = (a); int64_t ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ < 0 || ostc_b_ > 63 || (T)((T)(ostc_a_ << ostc_b_) >> ostc_b_) != ostc_a_)) ostc_trap("integer overflow in " #T " shift", loc); (T)(ostc_a_ << ostc_b_); })
#define OSTC_NONNULL(p, loc) ({ __typeof__(p) ostc_p_ = (p); if (OSTC_UNLIKELY(!ostc_p_)) ostc_trap("null reference", loc); ostc_p_; })
/* Exact number arithmetic under a wrapping conversion (u32(a * b + c)): int64_t, and a trap where
 * TypeScript's own result leaves ±(2^53-1) and turns inexact. */
#define OSTC_EXACT_OP(op, a, b, loc) ({ int64_t ostc_r_; \
  if (OSTC_UNLIKELY(__builtin_##op##_overflow((int64_t)(a), (int64_t)(b), &ostc_r_) || ostc_r_ > 9007199254740991LL || ostc_r_ < -9007199254740991LL)) \
    ostc_trap("intermediate result beyond 2^53 is inexact in TypeScript", loc); ostc_r_; })
#define OSTC_EXACT_ADD(a, b, loc) OSTC_EXACT_OP(add, a, b, loc)
#define OSTC_EXACT_SUB(a, b, loc) OSTC_EXACT_OP(sub, a, b, loc)
#define OSTC_EXACT_MUL(a, b, loc) OSTC_EXACT_OP(mul, a, b, loc)
#else
#define OSTC_ADD(T, a, b, loc) ((T)((T)(a) + (T)(b)))
#define OSTC_SUB(T, a, b, loc) ((T)((T)(a) - (T)(b)))
#define OSTC_MUL(T, a, b, loc) ((T)((T)(a) * (T)(b)))
#define OSTC_NEG(T, a, loc) ((T)(-(T)(a)))
#define OSTC_NARROW(T, v, loc) ((T)(v))
#define OSTC_SHL64(T, a, b, loc) ((T)((T)(a) << (b)))
#define OSTC_NONNULL(p, loc) (p)
#define OSTC_EXACT_ADD(a, b, loc) ((int64_t)(a) + (int64_t)(b))
#define OSTC_EXACT_SUB(a, b, loc) ((int64_t)(a) - (int64_t)(b))
#define OSTC_EXACT_MUL(a, b, loc) ((int64_t)(a) * (int64_t)(b))
#endif

/* Division and remainder trap on a zero divisor in every build (a #DE must never escape). */
#define OSTC_DIV(T, a, b, loc) ({ T ostc_a_ = (a), ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ == 0)) ostc_trap("division by zero", loc); \
  (((T)-1 < (T)0) && ostc_b_ == (T)-1) ? OSTC_NEG(T, ostc_a_, loc) : (T)(ostc_a_ / ostc_b_); })
#define OSTC_FLOORDIV(T, a, b, loc) ({ T ostc_x_ = (a), ostc_y_ = (b); T ostc_q_ = OSTC_DIV(T, ostc_x_, ostc_y_, loc); \
  if (((T)-1 < (T)0) && (ostc_x_ % ostc_y_ != 0) && ((ostc_x_ < 0) != (ostc_y_ < 0))) ostc_q_--; ostc_q_; })
#define OSTC_MOD(T, a, b, loc) ({ T ostc_a_ = (a), ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ == 0)) ostc_trap("division by zero", loc); \
  (((T)-1 < (T)0) && ostc_b_ == (T)-1) ? (T)0 : (T)(ostc_a_ % ostc_b_); })
/* A u32 and a signed 32-bit operand join to i53 (int64_t), but the quotient and remainder are
 * computed exactly in 32 bits: gcc would call __divdi3/__moddi3 for the int64_t forms. Results are
 * int64_t, like OSTC_DIV(int64_t, ...). The magnitude of a negative operand is taken as a uint32_t. */
#define OSTC_ABS_U32_(v) ((v) < 0 ? (uint32_t)0 - (uint32_t)(v) : (uint32_t)(v))
#define OSTC_MOD_U32_I32(a, b, loc) ({ uint32_t ostc_a_ = (a); int32_t ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ == 0)) ostc_trap("division by zero", loc); (int64_t)(ostc_a_ % OSTC_ABS_U32_(ostc_b_)); })
#define OSTC_MOD_I32_U32(a, b, loc) ({ int32_t ostc_a_ = (a); uint32_t ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ == 0)) ostc_trap("division by zero", loc); \
  int64_t ostc_m_ = (int64_t)(OSTC_ABS_U32_(ostc_a_) % ostc_b_); ostc_a_ < 0 ? -ostc_m_ : ostc_m_; })
#define OSTC_DIV_U32_I32(a, b, loc) ({ uint32_t ostc_a_ = (a); int32_t ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ == 0)) ostc_trap("division by zero", loc); \
  int64_t ostc_q_ = (int64_t)(ostc_a_ / OSTC_ABS_U32_(ostc_b_)); ostc_b_ < 0 ? -ostc_q_ : ostc_q_; })
#define OSTC_DIV_I32_U32(a, b, loc) ({ int32_t ostc_a_ = (a); uint32_t ostc_b_ = (b); \
  if (OSTC_UNLIKELY(ostc_b_ == 0)) ostc_trap("division by zero", loc); \
  int64_t ostc_q_ = (int64_t)(OSTC_ABS_U32_(ostc_a_) / ostc_b_); ostc_a_ < 0 ? -ostc_q_ : ostc_q_; })

/* Exact `x op c` where x is the i53 sum u + s, u - s or s + u of a uint32_t u and an int32_t s
 * (x_is_u: x is u), and c is an unsigned 32-bit value, without int64_t arithmetic: the sum is
 * hi * 2^32 + lo with hi in -1..1, and `above`/`below` are the results when hi is 1/-1. The
 * operands are evaluated in order x, y, c. */
#define OSTC_SUMCMP(op, x, y, x_is_u, sub, c, above, below) ({ \
  __typeof__((x) + 0) ostc_x_ = (x); __typeof__((y) + 0) ostc_y_ = (y); uint32_t ostc_c_ = (uint32_t)(c); \
  uint32_t ostc_u_ = (x_is_u) ? (uint32_t)ostc_x_ : (uint32_t)ostc_y_; int32_t ostc_s_ = (x_is_u) ? (int32_t)ostc_y_ : (int32_t)ostc_x_; \
  uint32_t ostc_lo_ = (sub) ? ostc_u_ - (uint32_t)ostc_s_ : ostc_u_ + (uint32_t)ostc_s_; \
  int ostc_hi_ = ((ostc_s_ < 0) != (sub)) ? -(ostc_lo_ > ostc_u_) : (ostc_lo_ < ostc_u_); \
  ostc_hi_ ? (ostc_hi_ > 0 ? (above) : (below)) : (ostc_lo_ op ostc_c_); })

/* ---- arrays ---- */
#if OSTC_CHECKED
/* One unsigned compare: a length is never negative, so a negative index wraps above it. The index
 * keeps its own width (an i53 or i64 index is compared in 64 bits, everything else in 32). */
#define OSTC_INDEX(i, n, loc) ({ __typeof__((i) + 0) ostc_i_ = (i); \
  if (OSTC_UNLIKELY(sizeof(ostc_i_) > 4 ? (uint64_t)(int64_t)ostc_i_ >= (uint64_t)(uint32_t)(n) : (uint32_t)ostc_i_ >= (uint32_t)(n))) \
    ostc_trap("index out of bounds", loc); (int32_t)ostc_i_; })
#else
#define OSTC_INDEX(i, n, loc) ((int32_t)(i))
#endif
#define OSTC_AT(T, a, i, loc) (((T *)(a)->data)[OSTC_INDEX((i), (a)->len, loc)])
/* Element i through a loop-invariant view of an array: data pointer d and length n read before the loop. */
#define OSTC_VIEW_AT(d, n, i, loc) ((d)[OSTC_INDEX((i), (n), loc)])
ostc_array *ostc_array_new(int32_t len, uint32_t elem_size);
ostc_array *ostc_array_from(const void *elems, int32_t len, uint32_t elem_size);
ostc_array *ostc_array_view(void *data, int32_t len);
void ostc_array_grow(ostc_array *a, int32_t need, uint32_t elem_size);
/* dispose(): releases an object, or an array's elements and (unless it lives in an object) header. */
void ostc_dispose(void *p, const char *loc);
void ostc_array_dispose(ostc_array *a, const char *loc);
/* dispose() of a string: releases one built at run time; literals and other strings in the
 * program image (ostc_is_static_memory, defined by each target) and the interned strings of one
 * code point stay. */
void ostc_str_dispose(const struct ostc_string *s, const char *loc);
bool ostc_str_is_interned(const struct ostc_string *s); /* a two-byte string of one code point */
int ostc_is_static_memory(const void *p);
/* Programs check a block before it is released (double dispose); absent in the kernel. */
void ostc_heap_check(void *p, const char *loc) __attribute__((weak));
#define OSTC_PUSH(T, a, v) ({ ostc_array *ostc_a_ = (a); T ostc_v_ = (v); \
  if (ostc_a_->len == ostc_a_->cap || ostc_a_->cap < 0) ostc_array_grow(ostc_a_, ostc_a_->len + 1, sizeof(T)); \
  ((T *)ostc_a_->data)[ostc_a_->len++] = ostc_v_; ostc_a_->len; })
#define OSTC_POP(T, a, loc) ({ ostc_array *ostc_a_ = (a); if (OSTC_UNLIKELY(ostc_a_->len == 0)) ostc_trap("pop from an empty array", loc); ((T *)ostc_a_->data)[--ostc_a_->len]; })

/* ---- strings (ostc_str.c, ostc_case.c) ---- */
ostc_str ostc_str_new(const char *p, int32_t n);              /* one-byte, from Latin-1 bytes */
ostc_str ostc_str_from_units(const uint16_t *u, int32_t n);   /* from UTF-16 code units */
ostc_str ostc_str_from_bytes(ostc_array *bytes, int32_t start, int32_t end);
ostc_str ostc_str_from_memory(uint32_t addr, int32_t n);
ostc_str ostc_str_concat(ostc_str a, ostc_str b);
bool ostc_str_eq(ostc_str a, ostc_str b);
int32_t ostc_str_cmp(ostc_str a, ostc_str b);
ostc_str ostc_str_slice(ostc_str s, int32_t start, int32_t end, bool has_end);
ostc_str ostc_str_substring(ostc_str s, int32_t start, int32_t end, bool has_end);
int32_t ostc_str_index_of(ostc_str s, ostc_str sub, int32_t from);
int32_t ostc_str_last_index_of(ostc_str s, ostc_str sub, int32_t from, bool has_from);
bool ostc_str_starts_with(ostc_str s, ostc_str p, int32_t pos);
bool ostc_str_ends_with(ostc_str s, ostc_str p, int32_t end, bool has_end);
ostc_str ostc_str_char_at(ostc_str s, int32_t i);
ostc_str ostc_str_element(ostc_str s, int32_t i, const char *loc);
ostc_str ostc_str_at(ostc_str s, int32_t i, const char *loc);
ostc_str ostc_str_code_point_str(ostc_str s, int32_t i);
/* The interned strings of one unit up to U+00FF. */
typedef struct ostc_char1 { int32_t header; char data[4]; } ostc_char1;
extern const ostc_char1 ostc_one_byte_chars[256];
/* for…of over string s (a variable): the code point at unit i as an interned string (a surrogate
 * pair is one element, a lone surrogate one of its own); its length is the step to the next. */
#define OSTC_STR_ITER_AT(s, i) (OSTC_STR_IS_TWO_BYTE(s) ? ostc_str_code_point_str((s), (i)) \
  : (ostc_str)(const void *)&ostc_one_byte_chars[(uint8_t)(s)->data[(i)]])
ostc_str ostc_str_from_char_code(int32_t c);
ostc_str ostc_str_from_char_codes(const int32_t *codes, int32_t n);
ostc_str ostc_str_from_code_points(const int32_t *cps, int32_t n, const char *loc);
/* s.charCodeAt(i), inline: the unit at i (an index outside the string traps: NaN in JavaScript). */
#define OSTC_STR_CHAR_CODE_AT(s, i, loc) ({ ostc_str ostc_s_ = (s); int32_t ostc_i_ = (i), ostc_h_ = ostc_s_->header; \
  if (OSTC_UNLIKELY((uint32_t)ostc_i_ >= (uint32_t)(ostc_h_ & 0x7fffffff))) ostc_trap("charCodeAt index out of range (NaN in JavaScript)", loc); \
  ostc_h_ < 0 ? (int32_t)OSTC_STR_U16(ostc_s_)[ostc_i_] : (int32_t)(uint8_t)ostc_s_->data[ostc_i_]; })
int32_t ostc_str_code_point_at(ostc_str s, int32_t i, const char *loc);
ostc_str ostc_str_repeat(ostc_str s, int32_t n, const char *loc);
ostc_str ostc_str_trim(ostc_str s, bool start, bool end);
ostc_str ostc_str_to_upper(ostc_str s);
ostc_str ostc_str_to_lower(ostc_str s);
ostc_str ostc_str_pad(ostc_str s, int32_t len, ostc_str fill, bool start);
ostc_array *ostc_str_split(ostc_str s, ostc_str sep, uint32_t limit);
ostc_str ostc_array_join(ostc_array *a, ostc_str sep);
void ostc_str_append(ostc_string *out, int32_t *o, ostc_str s);
int32_t ostc_str_utf8(ostc_str s, int32_t *i, int32_t end, char *out, int32_t room);
uint32_t ostc_str_bytes_address(ostc_str s, const char *loc);
OSTC_NORETURN void ostc_panic(ostc_str msg, const char *loc);
extern const ostc_string ostc_empty_string;

/* ---- formatting (template literals and console.log) ---- */
enum { OSTC_F_STR, OSTC_F_I64, OSTC_F_U64, OSTC_F_BOOL, OSTC_F_BIGINT_I, OSTC_F_BIGINT_U };
typedef struct ostc_fmt_part { int32_t kind; union { ostc_str s; int64_t i; uint64_t u; } v; } ostc_fmt_part;
/* The header (length and form) of the string the parts format to. */
int32_t ostc_fmt_header(const ostc_fmt_part *p, int32_t n);
/* Formats into out, which has room for the string of that header and its terminator. */
void ostc_fmt_write(const ostc_fmt_part *p, int32_t n, ostc_string *out, int32_t header);
ostc_str ostc_fmt_heap(const ostc_fmt_part *p, int32_t n);
/* Formats onto the stack for a borrowed (Fmt) argument: the string lives until the enclosing block ends. */
#define OSTC_FMT_STACK(var, parts, n) \
  int32_t var##_h = ostc_fmt_header((parts), (n)); \
  char var##_buf[sizeof(int32_t) + (((var##_h & 0x7fffffff) + 1) << (var##_h < 0))] __attribute__((aligned(4))); \
  ostc_fmt_write((parts), (n), (ostc_string *)var##_buf, var##_h); \
  ostc_str var = (ostc_str)var##_buf
void ostc_console_log(int fd, const ostc_fmt_part *p, int32_t n);
int32_t ostc_format_u64(uint64_t v, char *out);
int32_t ostc_format_i64(int64_t v, char *out);

/* ---- raw Linux i386 system calls (programs) ---- */
/* The kernel's fast entry (AT_SYSINFO from the auxiliary vector; 0 when absent): like glibc,
 * programs call through it, and the kernel picks sysenter or int 0x80. */
extern uint32_t ostc_vsyscall;
/* Out of line on purpose: to the optimiser a system call is then an opaque call, which may run
 * any function whose address escaped — as the kernel does when it delivers a signal to a
 * handler before the call returns — so module state a handler changes is re-read after every
 * system call. (An inline asm statement with a memory clobber does not give that guarantee for
 * variables whose address is never taken.) */
int32_t ostc_syscall6(int32_t n, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e, uint32_t f);

/* ---- hardware intrinsics (kernel) ---- */
static inline void ostc_outb(uint16_t p, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(p)); }
static inline void ostc_outw(uint16_t p, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(p)); }
static inline void ostc_outl(uint16_t p, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(p)); }
static inline uint8_t ostc_inb(uint16_t p) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline uint16_t ostc_inw(uint16_t p) { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline uint32_t ostc_inl(uint16_t p) { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(p)); return v; }
#define OSTC_CR_READ(n) static inline uint32_t ostc_read_cr##n(void) { uint32_t v; __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v)); return v; }
#define OSTC_CR_WRITE(n) static inline void ostc_write_cr##n(uint32_t v) { __asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); }
OSTC_CR_READ(0) OSTC_CR_READ(2) OSTC_CR_READ(3) OSTC_CR_READ(4)
OSTC_CR_WRITE(0) OSTC_CR_WRITE(3) OSTC_CR_WRITE(4)
static inline uint64_t ostc_rdmsr(uint32_t m) { uint32_t lo, hi; __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(m)); return ((uint64_t)hi << 32) | lo; }
static inline void ostc_wrmsr(uint32_t m, uint64_t v) { __asm__ volatile("wrmsr" : : "c"(m), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))); }
static inline uint64_t ostc_rdtsc(void) { uint32_t lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return ((uint64_t)hi << 32) | lo; }
static inline void ostc_cpuid(uint32_t leaf, uint32_t sub, ostc_array *out, const char *loc) {
  uint32_t a, b, c, d; __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(leaf), "c"(sub));
  if (out->len < 4) ostc_trap("cpuid needs an array of 4 elements", loc);
  uint32_t *o = (uint32_t *)out->data; o[0] = a; o[1] = b; o[2] = c; o[3] = d; }
static inline uint32_t ostc_read_eflags(void) { uint32_t v; __asm__ volatile("pushfl; popl %0" : "=r"(v)); return v; }
static inline void ostc_invlpg(uint32_t a) { __asm__ volatile("invlpg (%0)" : : "r"(a) : "memory"); }
static inline void ostc_lgdt(uint32_t a) { __asm__ volatile("lgdt (%0)" : : "r"(a) : "memory"); }
static inline void ostc_lidt(uint32_t a) { __asm__ volatile("lidt (%0)" : : "r"(a) : "memory"); }
static inline void ostc_ltr(uint16_t s) { __asm__ volatile("ltr %0" : : "r"(s)); }
/* Statement-expressions, so every intrinsic is usable where ostc emits an expression. */
#define ostc_cli() ({ __asm__ volatile("cli" ::: "memory"); })
#define ostc_sti() ({ __asm__ volatile("sti" ::: "memory"); })
#define ostc_hlt() ({ __asm__ volatile("hlt" ::: "memory"); })
#define ostc_pause() ({ __asm__ volatile("pause"); })
#define ostc_frame_pointer() ((uint32_t)__builtin_frame_address(0))
#define ostc_barrier() ({ __asm__ volatile("" ::: "memory"); })
#define ostc_fence() __sync_synchronize()
#define OSTC_LOAD(T, a) (*(const T *)(uintptr_t)(a))
#define OSTC_STORE(T, a, v) (*(T *)(uintptr_t)(a) = (v))
#define OSTC_MMIO_READ(T, a) (*(const volatile T *)(uintptr_t)(a))
#define OSTC_MMIO_WRITE(T, a, v) (*(volatile T *)(uintptr_t)(a) = (v))
void *memset(void *d, int c, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/* memcpy's body, inline where the runtime copies strings: on i386 the string instructions (four
 * bytes per step, then the rest; the direction flag is clear, as the ABI requires). */
static inline void ostc_copy(void *d, const void *s, size_t n) {
#if defined(__i386__)
  size_t words = n >> 2, rest = n & 3;
  __asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
  __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(rest) : : "memory");
#else
  unsigned char *dp = d; const unsigned char *sp = s;
  while (n >= 4) { *(uint32_t *)(void *)dp = *(const uint32_t *)(const void *)sp; dp += 4; sp += 4; n -= 4; }
  while (n--) *dp++ = *sp++;
#endif
}

#endif
