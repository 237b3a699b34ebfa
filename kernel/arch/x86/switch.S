/*
 * switch.S: the context switch, the first run of a new task, and the way into user mode.
 *
 * context_switch(save_esp, next_esp, next_cr3, prev_fpu, next_fpu) saves the FPU/SSE state of the
 * outgoing task (fxsave) and loads the incoming one's (fxrstor) when the areas are given (eager
 * switching; lazily they are 0 and fpu.ts moves the state on #NM), saves
 * the callee-saved registers on the current
 * kernel stack, stores ESP in *save_esp, loads CR3 (when it differs) and the next task's ESP,
 * and returns on the next task's stack. A new task's stack is prepared so that this return
 * lands in task_trampoline with the task's entry function and argument on the stack.
 */
#include "data_segments.h"
    .text
    .globl context_switch
    .type context_switch, @function
context_switch:
    movl 16(%esp), %eax         /* prev_fpu: 0 unless FPU/SSE state is switched eagerly */
    testl %eax, %eax
    jz 2f
    fxsave (%eax)
    movl 20(%esp), %eax         /* next_fpu */
    fxrstor (%eax)
2:
    movl 4(%esp), %eax          /* save_esp */
    movl 8(%esp), %edx          /* next_esp */
    movl 12(%esp), %ecx         /* next_cr3 */
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %cr3, %eax
    cmpl %eax, %ecx
    je 1f
    movl %ecx, %cr3
1:
    movl %edx, %esp                 /* fs and gs are null here: installing the next task's TLS */
    popl %edi                       /* descriptors (loadTlsDescriptors) cleared them */
    popl %esi
    popl %ebx
    popl %ebp
    ret
    .size context_switch, . - context_switch

/* First instruction of every new task: enable interrupts and call entry(arg); then exit. */
    .globl task_trampoline
    .type task_trampoline, @function
task_trampoline:
    sti
    popl %eax                   /* entry */
    call *%eax                  /* arg is on the stack */
    addl $4, %esp
    pushl %eax
    call task_exit_current      /* does not return */
1:  hlt
    jmp 1b
    .size task_trampoline, . - task_trampoline

/*
 * enter_user_mode(eip, esp): iret into ring 3 with the user data segments loaded and
 * interrupts enabled. Does not return.
 */
    .globl enter_user_mode
    .type enter_user_mode, @function
enter_user_mode:
    movl 4(%esp), %ecx          /* user eip */
    movl 8(%esp), %edx          /* user esp */
    movw $0x23, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    pushl $0x23                 /* ss */
    pushl %edx                  /* esp */
    pushl $0x202                /* eflags: IF */
    pushl $0x1b                 /* cs */
    pushl %ecx                  /* eip */
    xorl %eax, %eax
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %esi, %esi
    xorl %edi, %edi
    xorl %ebp, %ebp
    iret
    .size enter_user_mode, . - enter_user_mode

/* FPU/SSE helpers (for fpu.ts): fpu_init_state(area) resets the unit and saves that clean
 * state; fpu_save(area) saves the live registers, fpu_restore(area) loads them. */
    .globl fpu_init_state, fpu_save, fpu_restore
fpu_init_state:
    movl 4(%esp), %eax
    fninit
    fxsave (%eax)
    ret
fpu_save:
    movl 4(%esp), %eax
    fxsave (%eax)
    ret
fpu_restore:
    movl 4(%esp), %eax
    fxrstor (%eax)
    ret

/* Test helpers: put a value in xmm0 and st(0) (freeing st(7) first, so that repeated loads
 * never overflow the x87 stack) / read xmm0 back / read st(0) back as an integer. */
    .globl test_fpu_load, test_fpu_read, test_fpu_read_st0
test_fpu_load:
    movd 4(%esp), %xmm0
    ffree %st(7)
    fildl 4(%esp)
    ret
test_fpu_read:
    movd %xmm0, %eax
    ret
test_fpu_read_st0:
    subl $4, %esp
    fistl (%esp)
    popl %eax
    ret

/*
 * resume_user_frame(frame): returns to user mode through a saved interrupt frame (the layout
 * isr.S pushes), e.g. a forked child's copy of its parent's system-call frame.
 */
    .globl resume_user_frame
    .type resume_user_frame, @function
resume_user_frame:
    movl 4(%esp), %esp
    jmp isr_return
    .size resume_user_frame, . - resume_user_frame

/*
 * The fast system-call entry. User code calls __kernel_vsyscall in the vsyscall page (below),
 * which saves ecx/edx/ebp, puts its stack pointer in ebp and executes sysenter. The CPU
 * arrives here with ESP = the SYSENTER_ESP MSR, which points into the TSS (at esp0 - 4 … see
 * sysenter_init): the real kernel stack is loaded from the TSS, the same frame as `int 0x80`
 * is built (so one dispatcher serves both). The return is a sysexit to the vsyscall page's
 * return label when nothing redirected the frame, and isr.S's iret path otherwise.
 */
    .globl sysenter_entry
    .type sysenter_entry, @function
sysenter_entry:
    movl 4(%esp), %esp              /* TSS.esp0: this task's kernel stack top */
    incl sysenter_entries
    pushl $0x23                     /* user ss */
    pushl %ebp                      /* user esp (the vsyscall code put it in ebp) */
    pushfl
    orl $0x200, (%esp)              /* user mode runs with interrupts on */
    pushl $0x1b                     /* user cs */
    pushl vsyscall_return_address   /* user eip: after sysenter in the vsyscall page */
    pushl $0                        /* error code */
    pushl $0x80                     /* vector: treated as int 0x80 */
    PUSH_TRAP_FRAME
    /* The sixth argument (user ebp) was pushed by __kernel_vsyscall at [user esp]. */
    movl 24(%esp), %eax             /* frame.ebp = user esp */
sysenter_read_arg6:
    movl (%eax), %eax
    movl %eax, 24(%esp)             /* frame.ebp = the caller's ebp (arg 6) */
sysenter_arg6_done:
    cld
    sti                             /* system calls run with interrupts on (sysenter cleared IF; */
    movl %esp, %eax                 /* int 0x80 enters through a trap gate, which keeps it) */
    pushl %eax                      /* frame pointer argument */
    call syscall_entry
    addl $4, %esp
    /* Return with sysexit when the frame still goes back to the vsyscall page's return label
     * in user mode with ordinary flags; anything else (a signal handler, execve, a restart,
     * TF/NT/VM) takes the iret path. */
    movl vsyscall_return_address, %eax
    cmpl %eax, 56(%esp)             /* eip */
    jne isr_return
    cmpl $0x1b, 60(%esp)            /* cs */
    jne isr_return
    cmpl $0x23, 72(%esp)            /* ss */
    jne isr_return
    testl $0x24100, 64(%esp)        /* eflags: VM | NT | TF */
    jnz isr_return
    POP_SEGMENT_IF_CHANGED gs, sysexit_pop_gs  /* a stale selector faults: see the fixups below */
    POP_SEGMENT_IF_CHANGED fs, sysexit_pop_fs
    POP_SEGMENT_IF_CHANGED es, sysexit_pop_es
    POP_SEGMENT_IF_CHANGED ds, sysexit_pop_ds
    popal                           /* eax = the result */
    movl 8(%esp), %edx              /* sysexit: edx = user eip, ecx = user esp (the vsyscall */
    movl 20(%esp), %ecx             /* code restores both from the user stack) */
    andl $~0x200, 16(%esp)          /* the user flags with IF clear: sti below sets it, and its */
    addl $16, %esp                  /* one-instruction shadow covers sysexit */
    popfl
    sti
    sysexit
sysenter_arg6_fault:
    movl $0, 24(%esp)
    jmp sysenter_arg6_done
/* A selector that became invalid in the kernel (a cleared TLS slot) is replaced by null. */
sysexit_fix_gs:
    movl $0, (%esp)
    jmp sysexit_pop_gs
sysexit_fix_fs:
    movl $0, (%esp)
    jmp sysexit_pop_fs
sysexit_fix_es:
    movl $0, (%esp)
    jmp sysexit_pop_es
sysexit_fix_ds:
    movl $0, (%esp)
    jmp sysexit_pop_ds
    .size sysenter_entry, . - sysenter_entry

    .section __ex_table, "a"
    .balign 4
    .long sysenter_read_arg6, sysenter_arg6_fault
    .long sysexit_pop_gs, sysexit_fix_gs
    .long sysexit_pop_fs, sysexit_fix_fs
    .long sysexit_pop_es, sysexit_fix_es
    .long sysexit_pop_ds, sysexit_fix_ds
    .text

/* The user-mode code of the vsyscall page (copied into a page mapped in every process). */
    .globl vsyscall_code_start, vsyscall_code_end, vsyscall_return_offset
vsyscall_code_start:
    pushl %ecx
    pushl %edx
    pushl %ebp
    movl %esp, %ebp
    sysenter
    /* The restart point: an interrupted call is restarted with eip moved back 2 bytes, onto
     * this `int $0x80`, with the registers (ebp = the sixth argument) from the saved frame. */
    int $0x80
vsyscall_return:
    popl %ebp
    popl %edx
    popl %ecx
    ret
/* Signal return trampolines (__kernel_sigreturn, __kernel_rt_sigreturn), where a handler
 * returns when its sigaction gave no SA_RESTORER. */
    .balign 32, 0xcc
vsyscall_sigreturn:
    popl %eax
    movl $119, %eax
    int $0x80
    .balign 32, 0xcc
vsyscall_rt_sigreturn:
    movl $173, %eax
    int $0x80
vsyscall_code_end:
    .set vsyscall_return_offset, vsyscall_return - vsyscall_code_start
    .set vsyscall_sigreturn_offset, vsyscall_sigreturn - vsyscall_code_start
    .set vsyscall_rt_sigreturn_offset, vsyscall_rt_sigreturn - vsyscall_code_start
    .globl vsyscall_sigreturn_offset, vsyscall_rt_sigreturn_offset

    .data
    .globl vsyscall_return_address, sysenter_entries
vsyscall_return_address:
    .long 0
sysenter_entries:
    .long 0
    .text

/*
 * User-memory copies that may fault. Each faulting instruction is listed in the exception
 * table (__ex_table: faulting address, fixup address); the page-fault handler resumes at the
 * fixup, which returns -EFAULT (-14). Range checks happen before, in TypeScript.
 */
    .globl user_copy
    .type user_copy, @function
/* int user_copy(dst, src, n): 0 or -14 */
user_copy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %edx
    movl %edx, %ecx
    shrl $2, %ecx
    andl $3, %edx
    cld
user_copy_insn:
    rep movsl                   /* four bytes a step, then the rest */
    movl %edx, %ecx
user_copy_tail:
    rep movsb
    xorl %eax, %eax
    popl %edi
    popl %esi
    ret
user_copy_fixup:
    movl $-14, %eax
    popl %edi
    popl %esi
    ret
    .size user_copy, . - user_copy

    .section __ex_table, "a"
    .balign 4
    .long user_copy_insn, user_copy_fixup
    .long user_copy_tail, user_copy_fixup

    .section .note.GNU-stack, "", @progbits
