/*
 * ostc_glue.c: connects the ostc runtime's C interface (ostc.h) to the kernel's TypeScript
 * implementations, which take addresses as integers.
 */
#include "ostc.h"

OSTC_NORETURN void kernel_trap(uint32_t what, uint32_t loc);
uint32_t kernel_alloc(uint32_t size);
void kernel_free(uint32_t addr);
void kernel_console_write(uint32_t addr, int32_t n);

OSTC_NORETURN void ostc_trap(const char *what, const char *loc) { kernel_trap((uint32_t)what, (uint32_t)loc); }
void *ostc_alloc(uint32_t size) { return (void *)kernel_alloc(size); }
void ostc_free(void *p) { kernel_free((uint32_t)p); }
/* Literals, static strings and the early heap arena all lie inside the kernel image. */
extern char __kernel_start[], __bss_end[];
int ostc_is_static_memory(const void *p) { return (const char *)p >= __kernel_start && (const char *)p < __bss_end; }
void ostc_write_out(int fd, const char *p, int32_t n) { (void)fd; kernel_console_write((uint32_t)p, n); }
