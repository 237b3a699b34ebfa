/*
 * ostc runtime for programs (`user` target for OpenOS, `host` for this Linux machine): both are
 * static i386 ELF executables speaking the Linux i386 system-call ABI through `int 0x80`.
 * Provides _start, the heap, output, traps and process.argv.
 */
#include "ostc.h"

static inline int32_t sys1(int32_t n, int32_t a) { int32_t r; __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a) : "memory"); return r; }
static inline int32_t sys3(int32_t n, int32_t a, int32_t b, int32_t c) { int32_t r; __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory"); return r; }
static inline int32_t sys6(int32_t n, int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f) {
  int32_t r;
  __asm__ volatile("push %%ebp; mov %7, %%ebp; int $0x80; pop %%ebp"
    : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "g"(f) : "memory");
  return r;
}
enum { SYS_exit = 1, SYS_write = 4, SYS_exit_group = 252, SYS_mmap2 = 192 };

OSTC_NORETURN void ostc_exit(int32_t code) {
  for (;;) sys1(SYS_exit_group, code);
}
void ostc_write_out(int fd, const char *p, int32_t n) {
  while (n > 0) {
    int32_t w = sys3(SYS_write, fd, (int32_t)(uintptr_t)p, n);
    if (w <= 0) return;
    p += w; n -= w;
  }
}
static void write_cstr(int fd, const char *s) { int32_t n = 0; while (s[n]) n++; ostc_write_out(fd, s, n); }

/* The backtrace table the driver links into every program (compiler/src/symtab.ts): ranges of
 * text addresses with a function name, a file and a line. Weak: absent in the first link. */
extern const uint32_t ostc_symtab_count __attribute__((weak));
extern const uint32_t ostc_symtab_start[] __attribute__((weak));
extern const uint16_t ostc_symtab_name[] __attribute__((weak));
extern const uint16_t ostc_symtab_file[] __attribute__((weak));
extern const uint32_t ostc_symtab_line[] __attribute__((weak));
/* Names and files are offsets into ostc_symtab_strings. */
extern const uint32_t ostc_symtab_names[] __attribute__((weak));
extern const uint32_t ostc_symtab_files[] __attribute__((weak));
extern const char ostc_symtab_strings[] __attribute__((weak));
static uint32_t *stack_top;

/* The range holding addr, or -1. */
static int32_t symtab_lookup(uint32_t addr) {
  if (!&ostc_symtab_count) return -1;
  uint32_t n = ostc_symtab_count;
  if (n == 0 || addr < ostc_symtab_start[0] || addr >= ostc_symtab_start[n]) return -1;
  uint32_t lo = 0, hi = n; /* invariant: start[lo] <= addr < start[hi] */
  while (hi - lo > 1) { uint32_t mid = lo + (hi - lo) / 2; if (ostc_symtab_start[mid] <= addr) lo = mid; else hi = mid; }
  return (int32_t)lo;
}

static void write_hex32(int fd, uint32_t v) {
  char b[10] = { '0', 'x' };
  for (int i = 0; i < 8; i++) b[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
  ostc_write_out(fd, b, 10);
}

static bool same_cstr(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }

static void write_u32(int fd, uint32_t v) { char b[24]; ostc_write_out(fd, b, ostc_format_u64(v, b)); }

enum { BACKTRACE_FRAMES = 32 };
/* Walks the frame-pointer chain from fp (every program is built with -fno-omit-frame-pointer)
 * and prints `  #N 0xADDR function (file.ts:line)` for each caller, the kernel's format. A return
 * address is looked up one byte back, in the call instruction. The walk ends at the runtime's
 * entry (ostc_start_c), at a frame pointer that does not move up the stack, or after 32 frames. */
static void print_backtrace(uint32_t *fp) {
  write_cstr(2, "  backtrace:\n");
  uint32_t skipped = 0, index = 0;
  for (; fp && fp < stack_top && ((uintptr_t)fp & 3) == 0; fp = (uint32_t *)fp[0]) {
    uint32_t ret = fp[1];
    int32_t r = symtab_lookup(ret - 1);
    const char *name = r >= 0 && ostc_symtab_name[r] != 0xffff ? ostc_symtab_strings + ostc_symtab_names[ostc_symtab_name[r]] : 0;
    if (ret == 0 || (name && same_cstr(name, "ostc_start_c"))) break;
    /* Frames of the runtime's own functions (charCodeAt's check, say) above the program's are skipped. */
    bool runtime = name && name[0] == 'o' && name[1] == 's' && name[2] == 't' && name[3] == 'c' && name[4] == '_';
    if (index == 0 && runtime && (uint32_t *)fp[0] > fp) continue;
    if (index++ < BACKTRACE_FRAMES) {
      write_cstr(2, "  #"); write_u32(2, index - 1); write_cstr(2, " "); write_hex32(2, ret);
      if (name) { write_cstr(2, " "); write_cstr(2, name); }
      if (r >= 0 && ostc_symtab_file[r] != 0xffff) {
        write_cstr(2, " ("); write_cstr(2, ostc_symtab_strings + ostc_symtab_files[ostc_symtab_file[r]]);
        write_cstr(2, ":"); write_u32(2, ostc_symtab_line[r]); write_cstr(2, ")");
      }
      write_cstr(2, "\n");
    } else {
      skipped++;
    }
    if ((uint32_t *)fp[0] <= fp) break;
  }
  if (skipped) { write_cstr(2, "  ... "); write_u32(2, skipped); write_cstr(2, " more frames\n"); }
}

OSTC_NORETURN void ostc_trap(const char *what, const char *loc) {
  write_cstr(2, "ostc: panic: ");
  write_cstr(2, what);
  write_cstr(2, " at ");
  write_cstr(2, loc);
  write_cstr(2, "\n");
  print_backtrace(__builtin_frame_address(0));
  ostc_exit(134);
}

/*
 * Heap. Blocks up to 32 KiB come in 23 size classes (16 bytes to 32 KiB, steps of about 1.5×),
 * each with a free list; they are carved from 1 MiB mmap chunks. Larger blocks are mappings of
 * their own, unmapped when freed. Every block starts with an 8-byte header (payloads stay 8-byte
 * aligned) holding its size and a tag that tells live from free, so releasing a block twice, or
 * memory the heap never handed out, traps instead of corrupting the lists. Freed memory is
 * filled with 0xdc (a use after dispose reads garbage, not the old object; and a disposed array
 * header read again has no OSTC_ARRAY_EMBEDDED/STATIC flag, so a second dispose reaches the
 * check); a reused block is zeroed again, because ostc_alloc returns zeroed memory.
 */
typedef struct block_header { uint32_t size; uint32_t tag; } block_header;
enum { TAG_LIVE = 0xa110c000u, TAG_BIG = 0xa110cb16u, TAG_FREE = 0xf4ee0000u, TAG_CLASS_MASK = 0xfffu };
#define CHUNK (1u << 20)
#define SMALL_MAX 32768u
static const uint32_t class_size[] = {
  16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096,
  6144, 8192, 12288, 16384, 24576, 32768,
};
enum { CLASSES = sizeof class_size / sizeof class_size[0] };
static void *free_lists[CLASSES];
static char *heap_cur, *heap_end;
enum { SYS_munmap = 91 };

static void *map_pages(uint32_t size) {
  int32_t r = sys6(SYS_mmap2, 0, (int32_t)size, 3 /* RW */, 0x22 /* PRIVATE|ANON */, -1, 0);
  if (r < 0 && r > -4096) ostc_trap("out of memory", "ostc_alloc");
  return (void *)(uintptr_t)r;
}
static uint32_t size_class(uint32_t size) {
  uint32_t c = 0;
  while (class_size[c] < size) c++;
  return c;
}
void *ostc_alloc(uint32_t size) {
  if (size > SMALL_MAX) {
    uint32_t bytes = (size + sizeof(block_header) + 4095u) & ~4095u;
    if (bytes < size) ostc_trap("out of memory", "ostc_alloc");
    block_header *b = map_pages(bytes);
    b->size = bytes; b->tag = TAG_BIG;
    return b + 1; /* fresh anonymous memory is zero */
  }
  uint32_t c = size_class(size);
  void *p = free_lists[c];
  if (p) {
    free_lists[c] = *(void **)p;
    ((block_header *)p - 1)->tag = TAG_LIVE | c;
    memset(p, 0, class_size[c]);
    return p;
  }
  uint32_t need = class_size[c] + sizeof(block_header);
  if ((uint32_t)(heap_end - heap_cur) < need) { heap_cur = map_pages(CHUNK); heap_end = heap_cur + CHUNK; }
  block_header *b = (block_header *)heap_cur;
  heap_cur += need;
  b->size = class_size[c]; b->tag = TAG_LIVE | c;
  return b + 1; /* fresh anonymous memory is zero */
}
/* Traps unless p is a live heap block (dispose checks before it frees). */
void ostc_heap_check(void *p, const char *loc) {
  if (((uintptr_t)p & 7) != 0) ostc_trap("dispose of memory that the heap did not allocate", loc);
  uint32_t tag = ((block_header *)p - 1)->tag;
  if ((tag & ~TAG_CLASS_MASK) == TAG_FREE) ostc_trap("dispose of an object or array that was already disposed", loc);
  if (tag != TAG_BIG && ((tag & ~TAG_CLASS_MASK) != TAG_LIVE || (tag & TAG_CLASS_MASK) >= CLASSES))
    ostc_trap("dispose of memory that the heap did not allocate", loc);
}
void ostc_free(void *p) {
  if (!p) return;
  ostc_heap_check(p, "ostc_free");
  block_header *b = (block_header *)p - 1;
  if (b->tag == TAG_BIG) { sys3(SYS_munmap, (int32_t)(uintptr_t)b, (int32_t)b->size, 0); return; }
  uint32_t c = b->tag & TAG_CLASS_MASK;
  memset(p, 0xdc, class_size[c]);
  b->tag = TAG_FREE | c;
  *(void **)p = free_lists[c];
  free_lists[c] = p;
}

/* The program image, from the linker: literals and static strings live inside it, heap blocks
 * in mappings outside. */
extern char __executable_start[], _end[];
int ostc_is_static_memory(const void *p) {
  return (const char *)p >= __executable_start && (const char *)p < _end;
}

ostc_array *ostc_argv;
uint32_t ostc_vsyscall;
static char **environ_;

/* process.env[name]: the value of the first NAME=value entry of the initial environment, or
 * NULL (undefined). */
ostc_str ostc_getenv(ostc_str name) {
  int32_t len = OSTC_STR_LEN(name);
  if (OSTC_STR_IS_TWO_BYTE(name)) return 0; /* the environment is bytes: one-byte strings */
  for (char **e = environ_; e && *e; e++) {
    const char *v = *e;
    int32_t i = 0;
    while (i < len && v[i] == name->data[i]) i++;
    if (i < len || v[i] != '=') continue;
    v += i + 1;
    int32_t n = 0;
    while (v[n]) n++;
    return ostc_str_new(v, n);
  }
  return 0;
}

/* The Linux i386 convention: eax = number, ebx ecx edx esi edi ebp = arguments. The sixth
 * argument is pushed before %ebp is saved, so its operand is read while %esp is unchanged. */
__attribute__((noinline)) int32_t ostc_syscall6(int32_t n, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e, uint32_t f) {
  int32_t r;
  if (ostc_vsyscall)
    __asm__ volatile("pushl %7; push %%ebp; movl 4(%%esp), %%ebp; call *ostc_vsyscall; pop %%ebp; addl $4, %%esp"
      : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "g"(f) : "memory");
  else
    __asm__ volatile("pushl %7; push %%ebp; movl 4(%%esp), %%ebp; int $0x80; pop %%ebp; addl $4, %%esp"
      : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "g"(f) : "memory");
  return r;
}
void ostc_program_init(void);

/* Called from _start with the initial stack: argc, argv[], NULL, envp[], NULL, auxv. */
__attribute__((used)) OSTC_NORETURN void ostc_start_c(uint32_t *sp) {
  stack_top = sp;
  int32_t argc = (int32_t)sp[0];
  char **argv = (char **)(sp + 1);
  /* After argv[] and envp[] (each NULL-terminated) comes the auxiliary vector. */
  uint32_t *p = sp + 1 + argc + 1;
  environ_ = (char **)p;
  while (*p) p++;
  for (p++; p[0] != 0; p += 2) if (p[0] == 32 /* AT_SYSINFO */) ostc_vsyscall = p[1];
  ostc_argv = ostc_array_new(0, sizeof(ostc_str));
  /* Node's convention: argv[0] is the runtime, argv[1] the program, then the arguments. */
  OSTC_PUSH(ostc_str, ostc_argv, ostc_str_new("ostc", 4));
  for (int32_t i = 0; i < argc; i++) {
    int32_t n = 0; while (argv[i][n]) n++;
    OSTC_PUSH(ostc_str, ostc_argv, ostc_str_new(argv[i], n));
  }
  ostc_program_init();
  ostc_exit(0);
}
__asm__(".globl _start\n_start:\n  xor %ebp, %ebp\n  mov %esp, %eax\n  and $-16, %esp\n  sub $12, %esp\n  push %eax\n  call ostc_start_c\n  hlt\n");
