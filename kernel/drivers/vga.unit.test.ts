/** Hosted unit tests of the VGA text screen logic, over simulated memory. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { TextScreen, vgaAttribute, VgaColor } from "./vga.ts";

const BASE = 0x10000;

function screen(cols: number, rows: number): TextScreen {
  const s = new TextScreen(BASE, cols, rows);
  s.clear();
  return s;
}

/** The characters of a row, trailing blanks removed. */
function row(s: TextScreen, r: number): string {
  let text = "";
  for (let c = 0; c < s.cols; c++) text += String.fromCharCode(s.charAt(r, c));
  return text.trimEnd();
}

test("cells are character and attribute, row-major, two bytes each", () => {
  const s = screen(80, 25);
  s.attribute = vgaAttribute(VgaColor.Yellow, VgaColor.Blue);
  s.write("A\nB");
  assert.equal(load16(BASE), 0x1e41);
  assert.equal(load16(BASE + 160), 0x1e42);
  assert.equal(load16(BASE + 2), 0x0720, "the rest is blank in the default colour");
  assert.equal(s.cursorOffset(), 81);
});

test("scrolling moves lines up and blanks the bottom line", () => {
  const s = screen(80, 25);
  for (let i = 0; i < 30; i++) s.write(`line ${i}\n`);
  assert.equal(row(s, 0), "line 6");
  assert.equal(row(s, 23), "line 29");
  assert.equal(row(s, 24), "");
  assert.deepEqual([s.row, s.col], [24, 0]);
});

test("long lines wrap lazily; tab, carriage return and backspace move the cursor", () => {
  const s = screen(8, 3);
  s.write("12345678");
  assert.deepEqual([s.row, s.col, s.cursorOffset()], [0, 8, 7]);
  s.write("9");
  assert.deepEqual([row(s, 0), row(s, 1)], ["12345678", "9"]);
  s.write("\rab\tc");
  assert.equal(row(s, 2), "c", "a tab past the last column wraps");
  s.write("\b\bxy");
  assert.equal(row(s, 2), "xy", "backspace never leaves the line");
});
