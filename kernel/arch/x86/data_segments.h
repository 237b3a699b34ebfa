/* Segment-register handling shared by the entry paths (isr.S, switch.S); included by them only. */
/*
 * The kernel runs with the flat user data selector (0x23) in ds and es, as Linux does: a DPL 3
 * data segment serves ring 0 as well, so an entry from user mode, whose ds and es hold it already,
 * loads nothing, and the way out pops only a selector that differs from the register's. Each
 * segment load is a descriptor fetch and check, one of the dearest instructions under an emulator
 * (about 55 ns under QEMU's TCG, against 5 ns for reading the register). fs and gs are always
 * popped: a TLS descriptor may change under the same selector (a switch, set_thread_area).
 */
.macro KERNEL_DATA_SEGMENTS
    movw %ds, %ax
    cmpw $0x23, %ax
    je 1f
    movw $0x23, %ax
    movw %ax, %ds
1:  movw %es, %ax
    cmpw $0x23, %ax
    je 2f
    movw $0x23, %ax
    movw %ax, %es
2:
.endm

/* Pops the saved selector at (%esp) into \seg unless the register holds it already; the pop is
   at \label (for the exception table). Clobbers eax (popal restores it). */
.macro POP_SEGMENT_IF_CHANGED seg, label
    movw %\seg, %ax
    cmpw %ax, (%esp)
    jne \label
    addl $4, %esp
    jmp 3f
\label:
    popl %\seg
3:
.endm

/* Completes a trap frame (kernel/arch/x86/trapframe.ts) above the vector and error code: the
   general registers and the four data segment registers, then the kernel's ds and es. */
.macro PUSH_TRAP_FRAME
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    KERNEL_DATA_SEGMENTS
.endm
