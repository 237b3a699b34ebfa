/** KTAP suite: the kernel's page tables, permissions, vmalloc guard pages and demand-zero faults. */
import { Suite, TestContext } from "./ktap";
import { Vector, caughtExceptions, expectException, expectExceptionResumingAt, lastCaughtCr2, lastCaughtErrorCode } from "../arch/x86/traps";
import { NOT_MAPPED, PageFlags, isNoExecute, isWritable, mapPage, nxEnabled, protectPage, translate, unmapPage, KERNEL_VIRTUAL_BASE } from "../arch/x86/paging";
import { vfree, vmalloc, vmallocDemandZero, vmDemandFaults } from "../mm/vmm";
import { allocPages, freePages, Zone } from "../mm/pmm";

/** @linkname test_write_u32 */
declare function testWrite32(addr: u32, v: u32): void;
/** @linkname test_raise_page_fault */
declare function testRead32(addr: u32): void;
/** @linkname test_exec_at */
declare function testExecAt(addr: u32): void;

const PF_PRESENT: u32 = 1;
const PF_WRITE: u32 = 2;
const PF_FETCH: u32 = 16;

function textReadOnly(t: TestContext): void {
  const text = symbolAddress("isr0");
  t.expect(!isWritable(text), "kernel text is mapped read-only");
  t.expect(!isNoExecute(text), "kernel text is executable");
  expectException(Vector.PageFault, 2);
  testWrite32(text, 0);
  t.expectEq(i64(caughtExceptions()), 1n, "writing kernel text faults");
  t.expectEq(i64(lastCaughtErrorCode() & (PF_PRESENT | PF_WRITE)), i64(PF_PRESENT | PF_WRITE), "as a protection violation on write");
  t.expectEq(i64(lastCaughtCr2()), i64(text), "at the written address");
}

function dataNoExecute(t: TestContext): void {
  const data = symbolAddress("__data_start");
  t.expect(isWritable(data), "data is writable");
  if (!nxEnabled()) { t.skip("the CPU has no NX"); return; }
  t.expect(isNoExecute(data), "data is mapped no-execute");
  t.expect(isNoExecute(KERNEL_VIRTUAL_BASE + 0x2000000), "the direct map is no-execute");
  const page = vmalloc(4096);
  store8(page, 0xc3); // ret
  expectExceptionResumingAt(Vector.PageFault, symbolAddress("test_exec_resume"));
  testExecAt(page);
  t.expectEq(i64(caughtExceptions()), 1n, "executing a data page faults");
  t.expectEq(i64(lastCaughtErrorCode() & PF_FETCH), i64(PF_FETCH), "as an instruction fetch");
  vfree(page);
}

function identityMapGone(t: TestContext): void {
  t.expectEq(i64(translate(0x100000)), i64(NOT_MAPPED), "low identity map removed");
  expectException(Vector.PageFault, 2);
  testRead32(0x100000);
  t.expectEq(i64(caughtExceptions()), 1n, "reading a low address faults");
  t.expectEq(i64(translate(symbolAddress("boot_stack_guard"))), i64(NOT_MAPPED), "the boot stack's guard page is unmapped");
}

function mapUnmapProtect(t: TestContext): void {
  const va: u32 = 0xfe000000;
  const pa = allocPages(0, Zone.Normal);
  mapPage(va, pa, PageFlags.Write);
  t.expectEq(i64(translate(va + 0x123)), i64(pa + 0x123), "translate follows the new mapping");
  store32(va, 0xcafef00d);
  t.expectEq(i64(load32(pa + KERNEL_VIRTUAL_BASE)), 0xcafef00dn, "the write lands in the physical page");
  t.expect(protectPage(va, PageFlags.None), "protect a mapped page");
  expectException(Vector.PageFault, 2);
  testWrite32(va, 1);
  t.expectEq(i64(caughtExceptions()), 1n, "a read-only page refuses writes");
  t.expectEq(i64(load32(va)), 0xcafef00dn, "and keeps its contents");
  t.expectEq(i64(unmapPage(va)), i64(pa), "unmap returns the physical page");
  expectException(Vector.PageFault, 2);
  testRead32(va);
  t.expectEq(i64(caughtExceptions()), 1n, "an unmapped page faults");
  t.expectEq(i64(lastCaughtErrorCode() & PF_PRESENT), 0n, "as not present");
  t.expectEq(i64(unmapPage(va)), i64(NOT_MAPPED), "unmapping twice reports nothing mapped");
  freePages(pa, 0);
}

function vmallocGuard(t: TestContext): void {
  const a = vmalloc(8192);
  t.expect(a !== 0, "vmalloc two pages");
  store32(a, 1);
  store32(a + 8188, 2);
  t.expectEq(i64(load32(a + 8188)), 2n, "both pages usable");
  expectException(Vector.PageFault, 2);
  testRead32(a + 8192);
  t.expectEq(i64(caughtExceptions()), 1n, "the guard page after the area faults");
  const b = vmalloc(4096);
  t.expect(b >= a + 12288 || b + 4096 <= a, "areas never share a guard page");
  t.expect(vfree(a), "vfree");
  t.expect(!vfree(a), "double vfree is refused");
  vfree(b);
}

function demandZero(t: TestContext): void {
  const r = vmallocDemandZero(3 * 4096);
  const before = vmDemandFaults();
  t.expectEq(i64(translate(r + 4096)), i64(NOT_MAPPED), "nothing mapped before the first touch");
  t.expectEq(i64(load32(r + 4096 + 8)), 0n, "first touch reads zero");
  t.expectEq(i64(vmDemandFaults() - before), 1n, "one demand fault served");
  store32(r + 4096 + 8, 77);
  t.expectEq(i64(load32(r + 4096 + 8)), 77n, "the page keeps what is written");
  t.expectEq(i64(vmDemandFaults() - before), 1n, "no further faults on a present page");
  vfree(r);
}

/** The paging suite. */
export function pagingSuite(): Suite {
  return new Suite("paging")
    .test("text_read_only", textReadOnly)
    .test("data_no_execute", dataNoExecute)
    .test("identity_map_removed", identityMapGone)
    .test("map_unmap_protect", mapUnmapProtect)
    .test("vmalloc_guard_page", vmallocGuard)
    .test("demand_zero", demandZero);
}
