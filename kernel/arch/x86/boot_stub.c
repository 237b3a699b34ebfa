/*
 * Boot smoke test: a temporary C stand-in for the TypeScript kernel.
 *
 * It exists only to prove the boot path (boot.S, linker.ld) and the host
 * tooling (tools/machine/, tools/ktap.ts) before ostc produces the real
 * kernel_main; delete it when kernel/ has a TypeScript kernel_main.
 *
 * kernel_main prints what the loader handed over on COM1, checks that the
 * kernel runs in the higher half with a boot stack inside its guard, reports
 * one KTAP v1 test ("boot") and ends the run through port 0xF4 (QEMU
 * isa-debug-exit; the tools hook the same port on v86): 0 passed, 1 failed.
 */

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u
#define KERNEL_VIRTUAL_BASE 0xC0000000u

#define COM1 0x3F8
#define EXIT_PORT 0xF4
#define BOOT_STACK_GUARD_WORD 0xDEADBEEFu
#define BOOT_STACK_GUARD_SIZE 4096u

/* Multiboot v1 information, the fields the smoke test reads. */
struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};

struct multiboot_mmap_entry {
    uint32_t size; /* of the rest of the entry */
    uint32_t base_low, base_high;
    uint32_t length_low, length_high;
    uint32_t type;
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end, string, reserved;
};

#define MBI_MEMORY (1u << 0)
#define MBI_CMDLINE (1u << 2)
#define MBI_MODULES (1u << 3)
#define MBI_MMAP (1u << 6)

extern uint32_t boot_stack_guard[];
extern char boot_stack_top[];

static inline void outb(uint16_t port, uint8_t value) {
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port) {
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

/* 115200 baud 8N1, FIFOs on, no interrupts. */
static void serial_init(void) {
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x80);
    outb(COM1 + 0, 0x01);
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);
    outb(COM1 + 2, 0xC7);
    outb(COM1 + 4, 0x03);
}

static void serial_putc(char c) {
    while ((inb(COM1 + 5) & 0x20) == 0) {
    }
    outb(COM1, (uint8_t)c);
}

static void puts(const char *s) {
    for (; *s != '\0'; s++) {
        if (*s == '\n')
            serial_putc('\r');
        serial_putc(*s);
    }
}

static void put_hex_digits(uint32_t value) {
    static const char digits[] = "0123456789abcdef";
    for (int shift = 28; shift >= 0; shift -= 4)
        serial_putc(digits[(value >> shift) & 0xF]);
}

static void put_hex(uint32_t value) {
    puts("0x");
    put_hex_digits(value);
}

static void put_hex64(uint32_t high, uint32_t low) {
    if (high != 0) {
        put_hex(high);
        put_hex_digits(low);
    } else {
        put_hex(low);
    }
}

static void put_dec(uint32_t value) {
    char buffer[11];
    int i = 10;
    buffer[i] = '\0';
    do {
        buffer[--i] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    puts(&buffer[i]);
}

/* Multiboot structures are found through the higher-half boot map. */
static const void *phys_to_virt(uint32_t phys) {
    return (const void *)(phys + KERNEL_VIRTUAL_BASE);
}

static void print_multiboot_info(const struct multiboot_info *mbi) {
    puts("OpenOS: multiboot flags=");
    put_hex(mbi->flags);
    puts("\n");
    if (mbi->flags & MBI_MEMORY) {
        puts("OpenOS: mem_lower=");
        put_dec(mbi->mem_lower);
        puts(" KiB mem_upper=");
        put_dec(mbi->mem_upper);
        puts(" KiB\n");
    }
    if (mbi->flags & MBI_CMDLINE) {
        puts("OpenOS: cmdline=\"");
        puts(phys_to_virt(mbi->cmdline));
        puts("\"\n");
    }
    if (mbi->flags & MBI_MODULES) {
        const struct multiboot_module *mods = phys_to_virt(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count; i++) {
            puts("OpenOS: module ");
            put_hex(mods[i].start);
            puts("..");
            put_hex(mods[i].end);
            puts("\n");
        }
    }
    if (mbi->flags & MBI_MMAP) {
        uint32_t offset = 0;
        while (offset < mbi->mmap_length) {
            const struct multiboot_mmap_entry *e = phys_to_virt(mbi->mmap_addr + offset);
            puts("OpenOS: mmap base=");
            put_hex64(e->base_high, e->base_low);
            puts(" length=");
            put_hex64(e->length_high, e->length_low);
            puts(" type=");
            put_dec(e->type);
            puts("\n");
            offset += e->size + 4;
        }
    }
}

static int boot_stack_guard_intact(void) {
    for (uint32_t i = 0; i < BOOT_STACK_GUARD_SIZE / 4; i++)
        if (boot_stack_guard[i] != BOOT_STACK_GUARD_WORD)
            return 0;
    return 1;
}

/* Stand-in for the TypeScript modules' top-level code. */
void ostc_program_init(void) {
}

/* Stand-in for the TypeScript kernel's entry: the boot smoke test. */
void kernel_main(uint32_t magic, uint32_t mbinfo_phys) {
    serial_init();
    int magic_ok = magic == MULTIBOOT_BOOTLOADER_MAGIC;
    puts(magic_ok ? "OpenOS: boot ok, magic=" : "OpenOS: boot FAILED, magic=");
    put_hex(magic);
    puts(" mbinfo=");
    put_hex(mbinfo_phys);
    puts("\n");

    uint32_t here = (uint32_t)(void *)kernel_main;
    char local;
    uint32_t sp = (uint32_t)&local;
    int higher_half = here >= KERNEL_VIRTUAL_BASE;
    int stack_ok = sp < (uint32_t)boot_stack_top &&
                   sp >= (uint32_t)boot_stack_guard + BOOT_STACK_GUARD_SIZE;
    puts("OpenOS: kernel_main=");
    put_hex(here);
    puts(" stack=");
    put_hex(sp);
    puts("\n");
    if (magic_ok)
        print_multiboot_info(phys_to_virt(mbinfo_phys));

    int guard_ok = boot_stack_guard_intact();
    int passed = magic_ok && higher_half && stack_ok && guard_ok;
    puts("KTAP version 1\n1..1\n");
    if (!higher_half)
        puts("# not running in the higher half\n");
    if (!stack_ok)
        puts("# stack pointer outside the boot stack\n");
    if (!guard_ok)
        puts("# boot stack guard overwritten\n");
    puts(passed ? "ok 1 boot\n" : "not ok 1 boot\n");
    outb(EXIT_PORT, passed ? 0 : 1);
}
