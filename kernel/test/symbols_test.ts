/** KTAP suite: the kernel symbol table resolves code addresses to TypeScript functions and file:line. */
import { Suite, TestContext, TestFn } from "./ktap";
import { kernelSymbols, stringAt } from "../debug/symbols";
import { frameReturnAddress } from "../arch/x86/traps";

/** Holds a function value, so that its raw value — the function's address — can be read back. */
class FunctionSlot {
  /** @offset 0 */ fn: TestFn;
  constructor(fn: TestFn) {
    this.fn = fn;
  }
}

/** The code address of a test function. */
function functionAddress(fn: TestFn): usize {
  return load32(addressOf(new FunctionSlot(fn)));
}

function tablePresent(t: TestContext): void {
  t.expect(kernelSymbols().count > 100, "the .ksyms section holds the symbol table");
}

function ownAddress(t: TestContext): void {
  const symbols = kernelSymbols();
  const addr = functionAddress(ownAddress);
  const range = symbols.lookup(addr);
  t.expect(range >= 0, "the function's address is in the table");
  if (range < 0) return;
  t.expect(symbols.rangeStart(range) === addr, "the function starts a range");
  t.expect(symbols.nameAt(range) !== 0 && stringAt(symbols.nameAt(range), 256) === "ownAddress", "resolves to its own name");
  t.expect(symbols.fileAt(range) !== 0 && stringAt(symbols.fileAt(range), 256) === "kernel/test/symbols_test.ts", "resolves to its .ts file");
  // ostc's #line for a function may point at the trivia just before `function ownAddress` (line 23).
  const line = symbols.lineAt(range);
  t.expect(line >= 21 && line <= 26, "the line is at the function's start");
}

function callerFrame(t: TestContext): void {
  // This test was called by the KTAP runner: the call instruction just before our return address.
  const symbols = kernelSymbols();
  const range = symbols.lookup(frameReturnAddress(framePointer()) - 1);
  t.expect(range >= 0 && symbols.nameAt(range) !== 0, "the return address has a function");
  t.expect(range >= 0 && symbols.fileAt(range) !== 0 && stringAt(symbols.fileAt(range), 256) === "kernel/test/ktap.ts", "the caller is the KTAP runner in kernel/test/ktap.ts");
}

function outsideText(t: TestContext): void {
  const symbols = kernelSymbols();
  t.expectEq(i64(symbols.lookup(0)), -1n, "address 0 has no symbol");
  t.expectEq(i64(symbols.lookup(symbolAddress("__text_end"))), -1n, "the end of .text has no symbol");
  t.expectEq(i64(symbols.lookup(0xffffffff)), -1n, "the top of memory has no symbol");
}

/** The symbols suite. */
export function symbolsSuite(): Suite {
  return new Suite("symbols")
    .test("table_present", tablePresent)
    .test("own_address", ownAddress)
    .test("caller_frame", callerFrame)
    .test("outside_text", outsideText);
}
