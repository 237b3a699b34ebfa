/** KTAP suite: deliberately raise CPU exceptions and recover from them. */
import { Suite, TestContext } from "./ktap";
import { Vector, caughtExceptions, expectException, lastCaughtCr2, lastCaughtErrorCode, describePageFault } from "../arch/x86/traps";

/** @linkname test_raise_divide_error */
declare function raiseDivideError(): void;
/** @linkname test_raise_invalid_opcode */
declare function raiseInvalidOpcode(): void;
/** @linkname test_raise_breakpoint */
declare function raiseBreakpoint(): void;
/** @linkname test_raise_page_fault */
declare function raisePageFault(addr: u32): void;

function divideError(t: TestContext): void {
  expectException(Vector.DivideError, 2);
  raiseDivideError();
  t.expectEq(i64(caughtExceptions()), 1n, "#DE caught once");
}

function invalidOpcode(t: TestContext): void {
  expectException(Vector.InvalidOpcode, 2);
  raiseInvalidOpcode();
  t.expectEq(i64(caughtExceptions()), 1n, "#UD caught once");
}

function breakpoint(t: TestContext): void {
  expectException(Vector.Breakpoint, 0);
  raiseBreakpoint();
  t.expectEq(i64(caughtExceptions()), 1n, "#BP caught once");
}

function pageFault(t: TestContext): void {
  const addr: u32 = 0x40000000; // nothing is mapped at 1 GiB
  expectException(Vector.PageFault, 2);
  raisePageFault(addr);
  t.expectEq(i64(caughtExceptions()), 1n, "#PF caught once");
  t.expectEq(i64(lastCaughtCr2()), i64(addr), "CR2 holds the faulting address");
  t.expectEq(i64(lastCaughtErrorCode() & 7), 0n, "error code: not present, read, kernel");
  t.expect(describePageFault(lastCaughtErrorCode()) === "not present, read, kernel", "error code decodes");
  t.expect(describePageFault(7) === "protection violation, write, user", "decodes P/W/U bits");
}

/** The exceptions suite. */
export function exceptionsSuite(): Suite {
  return new Suite("exceptions")
    .test("divide_error", divideError)
    .test("invalid_opcode", invalidOpcode)
    .test("breakpoint", breakpoint)
    .test("page_fault", pageFault);
}
