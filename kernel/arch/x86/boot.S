/*
 * boot.S: the multiboot v1 entry point of the OpenOS i386 kernel.
 *
 * The loader (GRUB, QEMU -kernel, v86 multiboot) enters _start at its
 * *physical* address in 32-bit protected mode with paging off, flat segments,
 * EAX = 0x2BADB002 and EBX = physical address of the multiboot information.
 * Nothing else can be trusted: there is no stack, and v86 does not even load
 * a GDT (CS=0x08 and DS=0x10 are cached descriptors only).
 *
 * _start then
 *   1. clears .bss (a loader is not required to zero p_memsz beyond
 *      p_filesz) and saves the multiboot magic and info pointer,
 *   2. builds boot_page_directory: 4 MiB PSE pages mapping physical
 *      [0, BOOT_MAP_BYTES) both 1:1 and at KERNEL_VIRTUAL_BASE,
 *   3. enables PSE and paging (and CR0.WP) and jumps to the higher half,
 *   4. loads its own flat GDT (kernel code 0x08, kernel data 0x10),
 *   5. switches to the 16 KiB boot stack, clears EFLAGS and paints the
 *      stack's guard page,
 *   6. calls ostc_program_init(), then kernel_main(magic, mbinfo_phys),
 *   7. halts forever with interrupts off if kernel_main returns.
 *
 * The identity map stays in place: the kernel removes it once it no longer
 * touches physical addresses (the multiboot info, say) directly.
 */

#define KERNEL_VIRTUAL_BASE     0xC0000000
/* Physical address of a kernel symbol, usable before paging is on. */
#define PHYS(symbol)            ((symbol) - KERNEL_VIRTUAL_BASE)

#define MULTIBOOT_HEADER_MAGIC  0x1BADB002
#define MULTIBOOT_PAGE_ALIGN    (1 << 0)    /* modules on 4 KiB boundaries */
#define MULTIBOOT_MEMORY_INFO   (1 << 1)    /* mem_* and mmap_* fields */
#define MULTIBOOT_HEADER_FLAGS  (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

/*
 * 64 MiB, not just the image: QEMU and v86 put multiboot modules (the
 * initramfs) right after the kernel, and the early kernel reads them and the
 * multiboot information through this map before it builds its own direct
 * map. It costs 16 PDEs in a page that exists anyway; the linker script
 * asserts that the kernel image fits.
 */
#define BOOT_MAP_BYTES          0x04000000
#define LARGE_PAGE_SIZE         0x00400000
#define KERNEL_PDE_INDEX        (KERNEL_VIRTUAL_BASE >> 22)

#define PDE_PRESENT             (1 << 0)
#define PDE_WRITABLE            (1 << 1)
#define PDE_LARGE               (1 << 7)
#define CR0_WP                  (1 << 16)   /* ring 0 honours read-only pages */
#define CR0_PG                  (1 << 31)
#define CR4_PSE                 (1 << 4)

#define KERNEL_CODE_SELECTOR    0x08
#define KERNEL_DATA_SELECTOR    0x10

#define BOOT_STACK_SIZE         16384
#define BOOT_STACK_GUARD_SIZE   4096
/* Painted over the guard page; a changed word means the boot stack overflowed. */
#define BOOT_STACK_GUARD_WORD   0xDEADBEEF

    .globl __boot_map_end
    .set __boot_map_end, BOOT_MAP_BYTES

/* ---------------------------------------------------------------------- */

    .section .multiboot, "a"
    .balign 4
multiboot_header:
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_HEADER_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

/* ---------------------------------------------------------------------- */

    .section .text.boot, "ax", @progbits
    .code32

    .globl _start
    .type _start, @function
_start:
    /* Runs at the physical address: only PHYS() references work here. */
    cli
    cld
    movl %eax, %esi                         /* multiboot magic */
    movl %ebx, %edx                         /* multiboot info, physical */

    movl $PHYS(__bss_start), %edi
    movl $PHYS(__bss_end), %ecx
    subl %edi, %ecx
    shrl $2, %ecx                           /* both ends are page-aligned */
    xorl %eax, %eax
    rep stosl

    movl %esi, PHYS(boot_multiboot_magic)
    movl %edx, PHYS(boot_multiboot_info)

    /* The rest of boot_page_directory is zero (not present): it is in .bss. */
    movl $PHYS(boot_page_directory), %edi
    movl $(PDE_PRESENT | PDE_WRITABLE | PDE_LARGE), %eax
    movl $(BOOT_MAP_BYTES / LARGE_PAGE_SIZE), %ecx
1:
    movl %eax, (%edi)                       /* identity */
    movl %eax, (KERNEL_PDE_INDEX * 4)(%edi) /* higher half */
    addl $LARGE_PAGE_SIZE, %eax
    addl $4, %edi
    loop 1b

    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl $PHYS(boot_page_directory), %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0

    /* Still fetching through the identity map; an absolute jump goes up. */
    movl $higher_half_entry, %eax
    jmp *%eax
    .size _start, . - _start

    .type higher_half_entry, @function
higher_half_entry:
    lgdt boot_gdt_descriptor
    ljmp $KERNEL_CODE_SELECTOR, $1f
1:
    movw $KERNEL_DATA_SELECTOR, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp                         /* ends frame-pointer backtraces */
    pushl $0                                /* multiboot leaves AC, NT... undefined */
    popfl

    movl $boot_stack_guard, %edi
    movl $BOOT_STACK_GUARD_WORD, %eax
    movl $(BOOT_STACK_GUARD_SIZE / 4), %ecx
    rep stosl

    /* ESP is 16-byte aligned at each call, as the i386 SysV ABI wants. */
    call ostc_program_init
    subl $8, %esp
    pushl boot_multiboot_info
    pushl boot_multiboot_magic
    call kernel_main
    addl $16, %esp

    .globl boot_halt_forever
boot_halt_forever:
    cli
    hlt
    jmp boot_halt_forever
    .size higher_half_entry, . - higher_half_entry

/* ---------------------------------------------------------------------- */

    .section .data.boot, "aw", @progbits

    /* Flat 4 GiB segments, accessed bits preset so the CPU never writes here. */
    .balign 8
    .globl boot_gdt
boot_gdt:
    .quad 0                                 /* 0x00 null */
    .quad 0x00CF9B000000FFFF                /* 0x08 kernel code: 32-bit, DPL 0 */
    .quad 0x00CF93000000FFFF                /* 0x10 kernel data: DPL 0 */
boot_gdt_end:
    .size boot_gdt, . - boot_gdt

    .balign 4
    .word 0                                 /* aligns the base field */
boot_gdt_descriptor:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt                          /* virtual: survives the identity map */

    .balign 4
    .globl boot_multiboot_magic
    .type boot_multiboot_magic, @object
boot_multiboot_magic:
    .long 0
    .size boot_multiboot_magic, 4

    .globl boot_multiboot_info
    .type boot_multiboot_info, @object
boot_multiboot_info:
    .long 0                                 /* physical address */
    .size boot_multiboot_info, 4

/* ---------------------------------------------------------------------- */

    .section .bss.boot, "aw", @nobits
    .balign BOOT_STACK_SIZE

    .globl boot_page_directory
    .type boot_page_directory, @object
boot_page_directory:
    .skip 4096
    .size boot_page_directory, 4096

    /* Padding, so that the guard page sits right below a 16 KiB-aligned stack. */
    .skip BOOT_STACK_SIZE - 4096 - BOOT_STACK_GUARD_SIZE

    /*
     * Boot stack guard: 4 MiB boot pages cannot leave it unmapped, so it is
     * painted with BOOT_STACK_GUARD_WORD instead; the kernel unmaps it once
     * it maps itself with 4 KiB pages.
     */
    .globl boot_stack_guard
    .type boot_stack_guard, @object
boot_stack_guard:
    .skip BOOT_STACK_GUARD_SIZE
    .size boot_stack_guard, BOOT_STACK_GUARD_SIZE

    .globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    .skip BOOT_STACK_SIZE
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
