/**
 * The ostc prelude: ambient types and intrinsics every OpenOS TypeScript file sees.
 * Integer types are aliases of `number` (or `bigint` for 64-bit) so that tsc and Node accept
 * the code unchanged; ostc gives them their fixed widths. See docs/language.md.
 */

/** Signed 8-bit integer. */
type i8 = number;
/** Unsigned 8-bit integer. */
type u8 = number;
/** Signed 16-bit integer. */
type i16 = number;
/** Unsigned 16-bit integer. */
type u16 = number;
/** Signed 32-bit integer. */
type i32 = number;
/** Unsigned 32-bit integer. */
type u32 = number;
/** Pointer-sized unsigned integer (32 bits on i386). */
type usize = number;
/** Pointer-sized signed integer (32 bits on i386). */
type isize = number;
/** Signed 64-bit integer (a bigint, so Node computes it exactly). */
type i64 = bigint;
/** Unsigned 64-bit integer (a bigint, so Node computes it exactly). */
type u64 = bigint;
/** A string parameter that only borrows its argument for the duration of the call: template
 * literals passed to it are formatted on the caller's stack instead of the heap. */
type Fmt = string;

/** True in checked builds (traps on overflow and bounds), false in release builds. */
declare const OSTC_CHECKED: boolean;

/** Wrapping conversion to i8 (`(x << 24) >> 24`). */
declare function i8(x: number): i8;
/** Wrapping conversion to u8 (`x & 0xff`). */
declare function u8(x: number): u8;
/** Wrapping conversion to i16. */
declare function i16(x: number): i16;
/** Wrapping conversion to u16 (`x & 0xffff`). */
declare function u16(x: number): u16;
/** Wrapping conversion to i32 (`x | 0`). */
declare function i32(x: number): i32;
/** Wrapping conversion to u32 (`x >>> 0`). */
declare function u32(x: number): u32;
/** Wrapping conversion to i64 (`BigInt.asIntN(64, BigInt(x))`). */
declare function i64(x: number | bigint): i64;
/** Wrapping conversion to u64 (`BigInt.asUintN(64, BigInt(x))`). */
declare function u64(x: number | bigint): u64;

/** Size in bytes of a type's C representation (for classes: the struct, not the pointer). */
declare function sizeof<T>(): u32;

/** Raw memory: load and store little-endian integers at a linear address. */
declare function load8(addr: usize): u8;
declare function load16(addr: usize): u16;
declare function load32(addr: usize): u32;
declare function load64(addr: usize): u64;
declare function store8(addr: usize, v: u8): void;
declare function store16(addr: usize, v: u16): void;
declare function store32(addr: usize, v: u32): void;
declare function store64(addr: usize, v: u64): void;
/** Volatile variants for memory-mapped I/O: never merged, reordered or elided by the compiler. */
declare function mmioRead8(addr: usize): u8;
declare function mmioRead16(addr: usize): u16;
declare function mmioRead32(addr: usize): u32;
declare function mmioWrite8(addr: usize, v: u8): void;
declare function mmioWrite16(addr: usize, v: u16): void;
declare function mmioWrite32(addr: usize, v: u32): void;
/** Fills `len` bytes at `dst` with `value`. */
declare function memset(dst: usize, value: u8, len: usize): void;
/** Copies `len` bytes; the ranges may overlap. */
declare function memmove(dst: usize, src: usize, len: usize): void;
/** A class reference viewing the object at a raw address (no allocation). */
declare function ptrTo<T extends object>(addr: usize): T;
/** A fixed-length array whose `length` elements live at a raw address (no copy; it cannot grow). */
declare function arrayAt<T>(addr: usize, length: i32): T[];
/**
 * The linear address of an object, array storage or the bytes of a one-byte string (one byte per
 * character, all up to U+00FF); a string with characters beyond U+00FF has no bytes and traps.
 */
declare function addressOf(obj: object | string): usize;
/**
 * A string of one character per byte (code units 0-255) of `bytes.slice(start, end)` (negative
 * positions count from the end, as in slice): file contents, network data, C strings.
 */
declare function stringFromBytes(bytes: u8[], start: i32, end: i32): string;
/** A string of one character per byte of the `length` bytes at `addr` ("" when length ≤ 0). */
declare function stringFromMemory(addr: usize, length: i32): string;
/** The address of a linker or assembly symbol, e.g. `symbolAddress("__kernel_end")`. */
declare function symbolAddress(name: string): usize;

/** x86 port I/O. */
declare function outb(port: u16, v: u8): void;
declare function outw(port: u16, v: u16): void;
declare function outl(port: u16, v: u32): void;
declare function inb(port: u16): u8;
declare function inw(port: u16): u16;
declare function inl(port: u16): u32;
/** Interrupt flag, halt, pause. */
declare function cli(): void;
declare function sti(): void;
declare function hlt(): void;
declare function cpuPause(): void;
/** Reads EFLAGS. */
declare function readEflags(): u32;
/** Control registers. */
declare function readCr0(): u32;
declare function writeCr0(v: u32): void;
declare function readCr2(): u32;
declare function readCr3(): u32;
declare function writeCr3(v: u32): void;
declare function readCr4(): u32;
declare function writeCr4(v: u32): void;
/** Model-specific registers. */
declare function rdmsr(msr: u32): u64;
declare function wrmsr(msr: u32, v: u64): void;
/** Time-stamp counter. */
declare function rdtsc(): u64;
/** CPUID: the four output registers of leaf/subleaf, written to `out[0..3]` (eax, ebx, ecx, edx). */
declare function cpuid(leaf: u32, subleaf: u32, out: u32[]): void;
/** Invalidates the TLB entry of one page. */
declare function invlpg(addr: usize): void;
/** Loads the GDT/IDT from a 6-byte pseudo-descriptor at `addr`. */
declare function lgdt(addr: usize): void;
declare function lidt(addr: usize): void;
/** Loads the task register. */
declare function ltr(selector: u16): void;
/** The current frame pointer (for backtraces). */
declare function framePointer(): usize;
/** Compiler barrier and full memory fence. */
declare function compilerBarrier(): void;
declare function memoryFence(): void;
/** Atomics on a u32 at a linear address (sequentially consistent). */
declare function atomicLoad32(addr: usize): u32;
declare function atomicStore32(addr: usize, v: u32): void;
declare function atomicAdd32(addr: usize, v: u32): u32;
declare function atomicExchange32(addr: usize, v: u32): u32;
declare function atomicCompareExchange32(addr: usize, expected: u32, desired: u32): u32;
/**
 * Releases a class instance, an array or a string now (there is no garbage collector): an
 * object's own storage, an array's elements and header, a string built at run time (literals stay).
 * Objects and arrays it refers to are not released (dispose them first). Using x afterwards is an
 * error (memory is reused); disposing it twice traps in programs. Under Node, x is poisoned
 * instead: using a disposed object throws, and a disposed array is empty and frozen; strings are
 * values there and dispose leaves them alone. dispose(null) does nothing.
 */
declare function dispose(x: object | string | null): void;
/** Stops the program with a message: a kernel panic, or exit status 134 in user programs. */
declare function panic(msg: Fmt): never;

/**
 * A raw Linux i386 system call through `int 0x80` (programs only): number, up to six
 * arguments; returns the result or a negative errno.
 */
declare function syscall(nr: i32, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32): i32;

/** Program-level I/O available to `user` and `host` targets (prints like Node). */
declare var console: {
  log(...args: (string | number | boolean | bigint | undefined)[]): void;
  error(...args: (string | number | boolean | bigint | undefined)[]): void;
};
/** The process, for `user` and `host` targets. */
declare var process: {
  readonly argv: string[];
  /** Environment variables, read one at a time: `process.env.HOME ?? "/"`. */
  readonly env: { readonly [name: string]: string | undefined };
  exit(code?: number): never;
};
