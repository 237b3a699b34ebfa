/*
 * paging.S: switching the CPU to the kernel's own page tables.
 *
 * Two-level tables can simply be loaded into CR3. Turning on PAE needs paging off (CR4.PAE
 * cannot change while CR0.PG is set), so paging_enable_pae() jumps to the identity-mapped
 * physical alias of its own code, turns paging off, sets CR4.PAE (and EFER.NXE when asked),
 * loads the PDPT and turns paging back on, then returns to the higher half. The new tables
 * must identity-map this code's page during the switch; the caller removes that mapping.
 */
#define KERNEL_VIRTUAL_BASE 0xC0000000
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xC0000080
#define EFER_NXE (1 << 11)

    .text
/* void paging_enable_pae(uint32_t pdpt_phys, uint32_t enable_nx) */
    .globl paging_enable_pae
    .type paging_enable_pae, @function
paging_enable_pae:
    pushl %ebx
    pushl %esi
    movl 12(%esp), %esi             /* pdpt_phys */
    movl 16(%esp), %ebx             /* enable_nx */
    pushfl
    cli
    movl $1f - KERNEL_VIRTUAL_BASE, %eax
    jmp *%eax                       /* continue at the physical (identity) alias */
1:
    movl %cr0, %eax
    andl $~CR0_PG, %eax
    movl %eax, %cr0                 /* paging off */
    testl %ebx, %ebx
    jz 2f
    movl $MSR_EFER, %ecx
    rdmsr
    orl $EFER_NXE, %eax
    wrmsr
2:
    movl %cr4, %eax
    orl $CR4_PAE, %eax
    movl %eax, %cr4
    movl %esi, %cr3
    movl %cr0, %eax
    orl $CR0_PG, %eax
    movl %eax, %cr0                 /* paging on, PAE tables */
    movl $3f, %eax
    jmp *%eax                       /* back to the higher half */
3:
    popfl
    popl %esi
    popl %ebx
    ret
    .size paging_enable_pae, . - paging_enable_pae

    .section .note.GNU-stack, "", @progbits
