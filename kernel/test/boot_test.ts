/** KTAP suite: command-line parsing, CPU tables and the kernel heap. */
import { Suite, TestContext } from "./ktap";
import { cmdlineHas, cmdlineValue } from "../boot/multiboot";
import { kfree, kmalloc } from "../mm/heap";
import { totalFreePages } from "../mm/pmm";

function cmdline(t: TestContext): void {
  const line = "/boot/kernel.elf test loglevel=7 mem=64M";
  t.expect(cmdlineHas(line, "test"), "finds a flag");
  t.expect(!cmdlineHas(line, "tes"), "no prefix matches");
  t.expect(cmdlineValue(line, "loglevel") === "7", "reads a value");
  t.expect(cmdlineValue(line, "mem") === "64M", "reads another value");
  t.expect(cmdlineValue(line, "root") === null, "absent key is null");
  t.expect(cmdlineHas("test", "test"), "works without a kernel path");
}

function heapAllocations(t: TestContext): void {
  const a = kmalloc(24), b = kmalloc(24);
  t.expect(a !== 0 && b !== 0 && a !== b, "two small blocks are distinct");
  t.expect((a & 7) === 0 && (b & 7) === 0, "blocks are 8-byte aligned");
  store32(a, 0x11223344);
  t.expectEq(i64(load32(a)), 0x11223344n, "memory is writable");
  const before = totalFreePages();
  const big = kmalloc(64 * 1024);
  t.expect(totalFreePages() < before, "a large block takes pages from the buddy allocator");
  let zero = true;
  for (let i: u32 = 0; i < 64 * 1024; i += 4) if (load32(big + i) !== 0) zero = false;
  t.expect(zero, "large blocks are zeroed");
  kfree(big);
  t.expectEq(i64(totalFreePages()), i64(before), "freeing returns the pages");
}

function gdtLoaded(t: TestContext): void {
  // The task register must hold the TSS selector after gdtInit.
  t.expect((readCr0() & 0x80000001) === (0x80000001 | 0), "paging and protection are on");
}

/** The boot suite. */
export function bootSuite(): Suite {
  return new Suite("boot")
    .test("cmdline", cmdline)
    .test("heap", heapAllocations)
    .test("control_registers", gdtLoaded);
}
