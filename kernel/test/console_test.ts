/**
 * KTAP suite: the consoles. The VGA text screen (layout, control characters, scrolling, the
 * real buffer at 0xB8000 and its hardware cursor, colours by log level), the byte ring, the
 * interrupt-driven 16550 (queued and polled output, a loopback round trip through IRQ 4) and
 * the PS/2 keyboard (the scancode translator, replies and injected keys through IRQ 1).
 */
import { Suite, TestContext } from "./ktap";
import { ByteRing } from "../lib/ring";
import { LogLevel, printk, rawLine } from "../lib/printk";
import { TextScreen, VGA_COLS, VGA_TEXT_VIRT, vgaHardwareCursor, vgaScreen } from "../drivers/vga";
import { consoleDiscardInput, consoleLevelAttribute, consoleRead, consoleState } from "../drivers/console";
import { serialFlush, serialPendingOutput, serialPutByte, serialSetLoopback, serialState } from "../drivers/serial";
import { BACKSPACE_CHAR, ScancodeTranslator } from "../drivers/scancode";
import { KBD_ACK, keyboardClearRawLog, keyboardInject, keyboardSendCommand, keyboardState, keyboardTakeRaw } from "../drivers/keyboard";

/** Interrupts to wait (about a millisecond each, the timer tick) before a device counts as silent. */
const WAIT_TICKS = 500;

const SCRATCH_COLS: u32 = 10;
const SCRATCH_ROWS: u32 = 4;
const scratchCells = new Array<u16>(10 * 4).fill(0);

function scratchScreen(): TextScreen {
  const s = new TextScreen(addressOf(scratchCells), SCRATCH_COLS, SCRATCH_ROWS);
  s.clear();
  return s;
}

/** The characters of one row up to its first blank, for comparisons. */
function rowText(s: TextScreen, row: u32): string {
  let text = "";
  for (let c: u32 = 0; c < s.cols; c++) {
    const ch = s.charAt(row, c);
    if (ch === 32) break;
    text += String.fromCharCode(ch);
  }
  return text;
}

function vgaWriteLine(t: TestContext): void {
  const s = scratchScreen();
  s.attribute = 0x1e;
  s.write("hi\n");
  t.expectEq(i64(s.charAt(0, 0)), 104n, "first cell holds 'h'");
  t.expectEq(i64(s.charAt(0, 1)), 105n, "second cell holds 'i'");
  t.expectEq(i64(s.attributeAt(0, 0)), 0x1en, "cells take the current attribute");
  t.expectEq(i64(load16(addressOf(scratchCells) + 2)), 0x1e69n, "cell = attribute << 8 | character");
  t.expectEq(i64(s.charAt(0, 2)), 32n, "the rest of the line stays blank");
  t.expectEq(i64(s.row), 1n, "newline moves to the next row");
  t.expectEq(i64(s.col), 0n, "newline returns to column 0");
}

function vgaControlCharacters(t: TestContext): void {
  const s = scratchScreen();
  s.write("ab\bc");
  t.expect(rowText(s, 0) === "ac", "backspace moves left so the next character overwrites");
  s.write("\rX");
  t.expect(rowText(s, 0) === "Xc", "carriage return goes to column 0");
  s.write("\tY");
  t.expectEq(i64(s.charAt(0, 8)), 89n, "tab advances to column 8");
  s.clear();
  s.write("0123456789");
  t.expectEq(i64(s.row), 0n, "a full line does not wrap until the next character");
  t.expectEq(i64(s.cursorOffset()), 9n, "the cursor stays on the last column meanwhile");
  s.write("\n");
  t.expectEq(i64(s.row), 1n, "a full line and a newline take one row");
  s.write("0123456789A");
  t.expectEq(i64(s.charAt(2, 0)), 65n, "the 11th character wraps to the next row");
}

function vgaScrolling(t: TestContext): void {
  const s = scratchScreen();
  s.write("l0\nl1\nl2\nl3");
  t.expect(rowText(s, 0) === "l0" && rowText(s, 3) === "l3", "four lines fill the screen");
  s.attribute = 0x2f;
  s.write("\nl4");
  t.expect(rowText(s, 0) === "l1", "scrolling moves line 1 to the top");
  t.expect(rowText(s, 2) === "l3", "and every other line up by one");
  t.expect(rowText(s, 3) === "l4", "the new line is written on the bottom row");
  t.expectEq(i64(s.row), 3n, "the cursor stays on the bottom row");
  t.expectEq(i64(s.attributeAt(3, 5)), 0x2fn, "the bottom row is blanked with the current attribute");
}

function vgaTextBuffer(t: TestContext): void {
  const s = vgaScreen();
  const probe = s.cellAddress(0, 0);
  const saved = mmioRead16(probe);
  mmioWrite16(probe, 0x5aa5);
  const present = mmioRead16(probe) === 0x5aa5;
  mmioWrite16(probe, saved);
  if (!present) {
    t.skip("no VGA text memory at 0xB8000");
    return;
  }
  const savedAttribute = s.attribute;
  if (s.col !== 0) s.putByte(10);
  s.attribute = 0x1f;
  s.write("vga ok\n");
  s.attribute = savedAttribute;
  printk(LogLevel.Warning, "console test: a warning is yellow on the screen");
  const lineRow = s.row - 2;
  const cell = VGA_TEXT_VIRT + lineRow * VGA_COLS * 2;
  t.expectEq(i64(mmioRead16(cell)), 0x1f76n, "'v' in white on blue at 0xB8000 + row * 160");
  t.expectEq(i64(mmioRead16(cell + 10)), 0x1f6bn, "'k' five cells further");
  t.expectEq(i64(s.attributeAt(s.row - 1, 0)), i64(consoleLevelAttribute(LogLevel.Warning)), "printk colours a warning line");
  t.expectEq(i64(consoleLevelAttribute(LogLevel.Warning)), 0x0en, "warnings are yellow");
  t.expectEq(i64(consoleLevelAttribute(LogLevel.Err)), 0x0cn, "errors are light red");
  t.expectEq(i64(vgaHardwareCursor()), i64(s.cursorOffset()), "the hardware cursor follows the text");
}

function ringBuffer(t: TestContext): void {
  const r = new ByteRing(8);
  t.expect(r.isEmpty() && r.pop() === -1, "a new ring is empty");
  for (let i = 0; i < 8; i++) r.push(u8(i + 1));
  t.expect(r.isFull(), "eight bytes fill an 8-byte ring");
  t.expect(!r.push(9), "a push into a full ring is refused");
  t.expectEq(i64(r.dropped), 1n, "and counted as dropped");
  t.expectEq(i64(r.pop()), 1n, "bytes come out oldest first");
  let last = -1;
  for (let round = 0; round < 100; round++) {
    r.push(u8(round));
    last = r.pop();
  }
  t.expectEq(i64(r.length), 7n, "interleaved pushes and pops keep the length");
  t.expectEq(i64(last), 92n, "and the order, across wrap-arounds (2..8, then 0..92)");
  r.clear();
  t.expect(r.isEmpty(), "clear empties the ring");
}

function serialInterruptOutput(t: TestContext): void {
  const st = serialState();
  if (!st.interruptDriven) {
    t.skip("serial interrupts are not enabled");
    return;
  }
  const before = st.txInterrupts;
  rawLine("    # this line is queued and sent by THR-empty interrupts");
  for (let i = 0; i < WAIT_TICKS && serialPendingOutput() > 0; i++) hlt();
  t.expectEq(i64(serialPendingOutput()), 0n, "the TX ring drains");
  t.expect(st.txInterrupts > before, "through THR-empty interrupts");
}

function serialPolledOutput(t: TestContext): void {
  cli();
  rawLine("    # this line is polled: interrupts are off");
  const pending = serialPendingOutput();
  sti();
  t.expectEq(i64(pending), 0n, "with interrupts off nothing is left queued");
}

const LOOPBACK_BYTES: u8[] = [0x4f, 0x53, 0x00, 0xff, 0x0d, 0x0a, 0x7f, 0x80, 0x41];

function serialLoopback(t: TestContext): void {
  const st = serialState();
  if (!st.interruptDriven) {
    t.skip("serial interrupts are not enabled");
    return;
  }
  serialFlush();
  consoleDiscardInput();
  const rxBefore = st.rxInterrupts;
  const got = new Array<i32>(LOOPBACK_BYTES.length).fill(-1);
  let n = 0;
  // Nothing may be printed while the loop is closed: it would come back as input.
  serialSetLoopback(true);
  consoleDiscardInput();
  for (const b of LOOPBACK_BYTES) serialPutByte(b);
  for (let i = 0; i < WAIT_TICKS && n < got.length; i++) {
    const c = consoleRead();
    if (c < 0) hlt();
    else got[n++] = c;
  }
  serialSetLoopback(false);
  t.expectEq(i64(n), i64(LOOPBACK_BYTES.length), "every byte comes back");
  for (let i = 0; i < n; i++) t.expectEq(i64(got[i]), i64(LOOPBACK_BYTES[i]), `byte ${i}`);
  t.expect(st.rxInterrupts > rxBefore, "through receive interrupts");
}

function scancodeTranslation(t: TestContext): void {
  const k = new ScancodeTranslator();
  t.expectEq(i64(k.feed(0x1e)), 97n, "make 0x1e is 'a'");
  t.expectEq(i64(k.feed(0x9e)), -1n, "its break types nothing");
  k.feed(0x2a);
  t.expectEq(i64(k.feed(0x1e)), 65n, "left shift + a is 'A'");
  t.expectEq(i64(k.feed(0x02)), 33n, "left shift + 1 is '!'");
  k.feed(0xaa);
  t.expectEq(i64(k.feed(0x1e)), 97n, "releasing shift gives 'a' again");
  k.feed(0x3a);
  k.feed(0xba);
  t.expectEq(i64(k.feed(0x10)), 81n, "caps lock + q is 'Q'");
  t.expectEq(i64(k.feed(0x02)), 49n, "caps lock leaves digits alone");
  k.feed(0x36);
  t.expectEq(i64(k.feed(0x10)), 113n, "caps lock + right shift + q is 'q'");
  k.feed(0xb6);
  k.feed(0x3a);
  k.feed(0xba);
  t.expectEq(i64(k.feed(0x10)), 113n, "caps lock toggles off");
  k.feed(0x1d);
  t.expectEq(i64(k.feed(0x2e)), 3n, "ctrl + c is 3");
  k.feed(0x9d);
  k.feed(0xe0);
  k.feed(0x1d);
  t.expectEq(i64(k.feed(0x2e)), 3n, "right ctrl (E0 1D) + c is 3");
  k.feed(0xe0);
  k.feed(0x9d);
  k.feed(0xe0);
  k.feed(0x2a);
  t.expectEq(i64(k.feed(0x1e)), 97n, "the fake shift E0 2A is not a shift");
  t.expectEq(i64(k.feed(0x1c)), 10n, "enter is newline");
  t.expectEq(i64(k.feed(0x0e)), i64(BACKSPACE_CHAR), "backspace is DEL");
  t.expectEq(i64(k.feed(0x39)), 32n, "space");
  k.feed(0xe0);
  t.expectEq(i64(k.feed(0x48)), -1n, "the up arrow types nothing");
  t.expectEq(i64(k.feed(0x48)), 56n, "keypad 8 is '8'");
}

function keyboardReplies(t: TestContext): void {
  if (!consoleState().keyboard) {
    t.skip("no i8042 keyboard controller");
    return;
  }
  const kbd = keyboardState();
  keyboardClearRawLog();
  const before = kbd.bytes;
  keyboardSendCommand(0xf2); // identify: ACK, then the keyboard's ID 0xAB 0x83 (0x41 translated)
  for (let i = 0; i < WAIT_TICKS && kbd.bytes - before < 3; i++) hlt();
  t.expect(kbd.bytes - before >= 2, "the reply arrives through IRQ 1");
  t.expectEq(i64(keyboardTakeRaw()), i64(KBD_ACK), "the keyboard acknowledges");
  t.expectEq(i64(keyboardTakeRaw()), 0xabn, "then sends its ID");
}

const INJECTED: u8[] = [0x9e, 0x2a, 0x1e, 0x9e, 0xaa, 0x1c, 0x9c];

/** Injects one byte and waits for the IRQ 1 handler to take it; returns the raw byte seen, or -1. */
function injectAndWait(b: u8): i32 {
  const kbd = keyboardState();
  const before = kbd.bytes;
  keyboardInject(b);
  for (let i = 0; i < WAIT_TICKS && kbd.bytes === before; i++) hlt();
  return keyboardTakeRaw();
}

function keyboardInjectedKeys(t: TestContext): void {
  if (!consoleState().keyboard) {
    t.skip("no i8042 keyboard controller");
    return;
  }
  consoleDiscardInput();
  keyboardClearRawLog();
  const first = injectAndWait(0x1e);
  if (first === KBD_ACK) {
    // The controller took 0x1E as a command for the keyboard, which acknowledged it.
    t.skip("this i8042 has no command 0xD2 (write keyboard output buffer)");
    return;
  }
  t.expectEq(i64(first), 0x1en, "the injected make code arrives through IRQ 1");
  for (const b of INJECTED) injectAndWait(b);
  t.expectEq(i64(consoleRead()), 97n, "'a' reaches the console input queue");
  t.expectEq(i64(consoleRead()), 65n, "shift + a gives 'A'");
  t.expectEq(i64(consoleRead()), 10n, "enter gives newline");
  t.expectEq(i64(consoleRead()), -1n, "releases type nothing");
}

/** The console suite. */
export function consoleSuite(): Suite {
  return new Suite("console")
    .test("vga_write_line", vgaWriteLine)
    .test("vga_control_characters", vgaControlCharacters)
    .test("vga_scrolling", vgaScrolling)
    .test("vga_text_buffer", vgaTextBuffer)
    .test("ring_buffer", ringBuffer)
    .test("serial_interrupt_output", serialInterruptOutput)
    .test("serial_polled_output", serialPolledOutput)
    .test("serial_loopback", serialLoopback)
    .test("scancode_translation", scancodeTranslation)
    .test("keyboard_replies", keyboardReplies)
    .test("keyboard_injected_keys", keyboardInjectedKeys);
}
