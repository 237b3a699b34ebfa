/* Threads for the raw-ABI tests, started the way a C library starts them. */
#ifndef ABI_THREAD_SPAWN_H
#define ABI_THREAD_SPAWN_H
#include "../../tools/bench/programs/sys.h"

/*
 * thread_spawn(flags, stack_top, fn, arg, ptid, tls, ctid): clone onto `stack_top` (16-byte
 * aligned); the child calls fn(arg) there and ends with exit(its result) — the thread alone.
 * Returns what clone returns to the caller.
 */
i32 thread_spawn(u32 flags, void *stack_top, i32 (*fn)(void *), void *arg, volatile i32 *ptid, void *tls, volatile i32 *ctid);
__asm__(".globl thread_spawn\n"
        "thread_spawn:\n"
        "\tpush %ebx\n\tpush %esi\n\tpush %edi\n"
        "\tmovl 20(%esp), %ecx\n"  /* stack_top */
        "\tsubl $20, %ecx\n"       /* fn at top-20, arg at top-16: fn's frame is 16-byte aligned */
        "\tmovl 24(%esp), %eax\n\tmovl %eax, (%ecx)\n"
        "\tmovl 28(%esp), %eax\n\tmovl %eax, 4(%ecx)\n"
        "\tmovl 16(%esp), %ebx\n"  /* flags */
        "\tmovl 32(%esp), %edx\n"  /* ptid */
        "\tmovl 36(%esp), %esi\n"  /* tls */
        "\tmovl 40(%esp), %edi\n"  /* ctid */
        "\tmovl $120, %eax\n\tint $0x80\n"
        "\ttestl %eax, %eax\n\tjnz 1f\n"
        "\txorl %ebp, %ebp\n\tpopl %eax\n\tcall *%eax\n"
        "\tmovl %eax, %ebx\n\tmovl $1, %eax\n\tint $0x80\n\thlt\n"
        "1:\tpop %edi\n\tpop %esi\n\tpop %ebx\n\tret\n");

#endif
