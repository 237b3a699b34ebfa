/*
 * isr.S: interrupt and exception entry stubs. Every vector 0..47 gets a stub that pushes a
 * uniform frame (error code or 0, vector number, all general registers, segment registers)
 * and calls the TypeScript dispatcher isr_dispatch(frame). The frame layout is mirrored by
 * kernel/arch/x86/trapframe.ts; keep the two in step.
 */
#include "data_segments.h"
    .text

.macro ISR_NOERR n
    .globl isr\n
isr\n:
    pushl $0
    pushl $\n
    jmp isr_common
.endm

.macro ISR_ERR n
    .globl isr\n
isr\n:
    pushl $\n
    jmp isr_common
.endm

ISR_NOERR 0
ISR_NOERR 1
ISR_NOERR 2
ISR_NOERR 3
ISR_NOERR 4
ISR_NOERR 5
ISR_NOERR 6
ISR_NOERR 7
ISR_ERR   8
ISR_NOERR 9
ISR_ERR   10
ISR_ERR   11
ISR_ERR   12
ISR_ERR   13
ISR_ERR   14
ISR_NOERR 15
ISR_NOERR 16
ISR_ERR   17
ISR_NOERR 18
ISR_NOERR 19
ISR_NOERR 20
ISR_ERR   21
ISR_NOERR 22
ISR_NOERR 23
ISR_NOERR 24
ISR_NOERR 25
ISR_NOERR 26
ISR_NOERR 27
ISR_NOERR 28
ISR_ERR   29
ISR_ERR   30
ISR_NOERR 31
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
ISR_NOERR \n
.endr
/*
 * The Linux i386 system-call vector: the same frame as every vector, handed straight to the
 * system-call dispatcher (syscall_entry in kernel/syscall/dispatch.ts) rather than through
 * isr_dispatch and its handler pointers.
 */
    .globl isr128
isr128:
    pushl $0
    pushl $0x80
    PUSH_TRAP_FRAME
    cld
    pushl %esp                  /* frame pointer argument */
    call syscall_entry
    addl $4, %esp
    jmp isr_return

isr_common:
    PUSH_TRAP_FRAME
    cld
    movl %esp, %eax
    pushl %eax                  /* frame pointer argument */
    call isr_dispatch
    addl $4, %esp
/* Returns through the frame at the stack pointer (also used by resume_user_frame). */
    .globl isr_return
isr_return:
    POP_SEGMENT_IF_CHANGED gs, isr_pop_gs
    POP_SEGMENT_IF_CHANGED fs, isr_pop_fs
    POP_SEGMENT_IF_CHANGED es, isr_pop_es
    POP_SEGMENT_IF_CHANGED ds, isr_pop_ds
    popal
    addl $8, %esp               /* vector and error code */
    iret

/*
 * A selector a task left in a segment register may have become invalid while it was in the
 * kernel (its TLS descriptor cleared): the pop faults, the exception table sends it here, and
 * the register is loaded with the null selector instead, as Linux does.
 */
isr_fix_gs:
    movl $0, (%esp)
    jmp isr_pop_gs
isr_fix_fs:
    movl $0, (%esp)
    jmp isr_pop_fs
isr_fix_es:
    movl $0, (%esp)
    jmp isr_pop_es
isr_fix_ds:
    movl $0, (%esp)
    jmp isr_pop_ds
    .section __ex_table, "a"
    .balign 4
    .long isr_pop_gs, isr_fix_gs
    .long isr_pop_fs, isr_fix_fs
    .long isr_pop_es, isr_fix_es
    .long isr_pop_ds, isr_fix_ds
    .text

/* Addresses of the 48 stubs, for building the IDT. */
    .section .rodata
    .balign 4
    .globl isr_stub_table
isr_stub_table:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .long isr\n
.endr

    .text
/* Reloads every segment register after lgdt: CS through a far return. */
    .globl tls_segments_invalidate
/* Nulls fs and gs after the TLS descriptors changed: the way out of the kernel then loads them again. */
tls_segments_invalidate:
    xorl %eax, %eax
    movw %ax, %fs
    movw %ax, %gs
    ret

    .globl gdt_reload_segments
gdt_reload_segments:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    popl %eax                   /* return address */
    pushl $0x08
    pushl %eax
    lret

/*
 * The double-fault task: a task gate in IDT slot 8 switches here on a fresh TSS and stack,
 * so a kernel stack overflow is reported instead of triple-faulting.
 */
    .globl double_fault_task_entry
double_fault_task_entry:
    cli
    call double_fault_report
1:  hlt
    jmp 1b

/* Deliberate faults for the exception test suite; each faulting instruction is 2 bytes. */
    .globl test_raise_divide_error
test_raise_divide_error:
    pushl %ebx
    xorl %ecx, %ecx
    movl $1, %eax
    xorl %edx, %edx
    divl %ecx                   /* f7 f1 */
    popl %ebx
    ret
    .globl test_raise_invalid_opcode
test_raise_invalid_opcode:
    ud2                         /* 0f 0b */
    ret
    .globl test_raise_breakpoint
test_raise_breakpoint:
    int3                        /* trap: EIP already points past it */
    ret
    .globl test_raise_page_fault
test_raise_page_fault:
    movl 4(%esp), %ecx
    movl (%ecx), %eax           /* 8b 01 */
    ret

/* Writes a word: the store is 2 bytes (89 11), so a recovered fault resumes after it. */
    .globl test_write_u32
test_write_u32:
    movl 4(%esp), %ecx
    movl 8(%esp), %edx
    movl %edx, (%ecx)           /* 89 11 */
    ret
/* Calls the code at the address; a fault there resumes at test_exec_resume, which drops the return address. */
    .globl test_exec_at, test_exec_resume
test_exec_at:
    movl 4(%esp), %ecx
    call *%ecx
    ret
test_exec_resume:
    addl $4, %esp
    ret

    .section .note.GNU-stack, "", @progbits
