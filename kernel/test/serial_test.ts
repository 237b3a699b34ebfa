/** KTAP suite: the 16550 UART registers. */
import { Suite, TestContext } from "./ktap";
import { COM1 } from "../drivers/serial";

function scratchRegister(t: TestContext): void {
  outb(COM1 + 7, 0x5a);
  t.expectEq(i64(inb(COM1 + 7)), 0x5an, "scratch register keeps 0x5a");
  outb(COM1 + 7, 0xa5);
  t.expectEq(i64(inb(COM1 + 7)), 0xa5n, "scratch register keeps 0xa5");
}

function lineStatus(t: TestContext): void {
  t.expect((inb(COM1 + 5) & 0x20) !== 0, "transmitter holding register drains");
}

function lineControl(t: TestContext): void {
  t.expectEq(i64(inb(COM1 + 3) & 0x7f), 3n, "line control is 8N1");
}

/** The serial suite. */
export function serialSuite(): Suite {
  return new Suite("serial")
    .test("scratch_register", scratchRegister)
    .test("line_status", lineStatus)
    .test("line_control", lineControl);
}
