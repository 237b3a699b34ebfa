/**
 * The VGA text console: 80x25 cells of (character, attribute) at physical 0xB8000, reached
 * through the kernel's higher-half map. `TextScreen` is the terminal logic (cursor, wrapping,
 * scrolling, control characters) over any cell buffer, so tests can also run it on scratch
 * memory; the functions below drive the real screen and its hardware cursor.
 */
import { KERNEL_BASE } from "../arch/x86/layout";

/** Columns of the text mode. */
export const VGA_COLS: u32 = 80;
/** Rows of the text mode. */
export const VGA_ROWS: u32 = 25;
/** Physical address of the colour text buffer. */
export const VGA_TEXT_PHYS: u32 = 0xb8000;
/** Where the kernel sees the text buffer. */
export const VGA_TEXT_VIRT: u32 = KERNEL_BASE + VGA_TEXT_PHYS;

const CRTC_INDEX: u16 = 0x3d4;
const CRTC_DATA: u16 = 0x3d5;
const CRTC_CURSOR_START: u8 = 0x0a;
const CRTC_CURSOR_END: u8 = 0x0b;
const CRTC_CURSOR_HIGH: u8 = 0x0e;
const CRTC_CURSOR_LOW: u8 = 0x0f;
const TAB_WIDTH: u32 = 8;

/** The 16 text-mode colours. */
export const enum VgaColor {
  Black = 0, Blue = 1, Green = 2, Cyan = 3, Red = 4, Magenta = 5, Brown = 6, LightGrey = 7,
  DarkGrey = 8, LightBlue = 9, LightGreen = 10, LightCyan = 11, LightRed = 12, LightMagenta = 13, Yellow = 14, White = 15,
}

/** The attribute byte for a foreground and background colour. */
export function vgaAttribute(fg: VgaColor, bg: VgaColor): u8 {
  return u8((bg << 4) | fg);
}

/** Light grey on black: the default attribute. */
export const DEFAULT_ATTRIBUTE: u8 = 0x07;

/**
 * A character-cell terminal over `rows` x `cols` 16-bit cells at `base` (low byte the
 * character, high byte the attribute). The cursor may sit one past the last column: the wrap
 * happens when the next character arrives, so a line of exactly `cols` characters followed by
 * a newline does not leave an empty line.
 */
export class TextScreen {
  row: u32 = 0;
  col: u32 = 0;
  attribute: u8 = DEFAULT_ATTRIBUTE;

  constructor(readonly base: usize, readonly cols: u32, readonly rows: u32) {}

  /** Address of a cell. */
  cellAddress(row: u32, col: u32): usize {
    return this.base + (row * this.cols + col) * 2;
  }

  /** The character of a cell. */
  charAt(row: u32, col: u32): u8 {
    return u8(mmioRead16(this.cellAddress(row, col)));
  }

  /** The attribute of a cell. */
  attributeAt(row: u32, col: u32): u8 {
    return u8(mmioRead16(this.cellAddress(row, col)) >>> 8);
  }

  private blank(): u16 {
    return u16((this.attribute << 8) | 32);
  }

  private clearRow(row: u32): void {
    const cell = this.blank();
    for (let c: u32 = 0; c < this.cols; c++) mmioWrite16(this.cellAddress(row, c), cell);
  }

  /** Blanks the screen with the current attribute and homes the cursor. */
  clear(): void {
    for (let r: u32 = 0; r < this.rows; r++) this.clearRow(r);
    this.row = 0;
    this.col = 0;
  }

  /** Moves every line up by one, dropping the top line and blanking the bottom one. */
  scroll(): void {
    const rowBytes = this.cols * 2;
    memmove(this.base, this.base + rowBytes, rowBytes * (this.rows - 1));
    this.clearRow(this.rows - 1);
  }

  private newline(): void {
    this.col = 0;
    if (this.row + 1 < this.rows) this.row++;
    else this.scroll();
  }

  /** Writes one byte, interpreting \n, \r, \b (move left) and \t (to the next multiple of 8). */
  putByte(b: u8): void {
    if (b === 10) {
      this.newline();
    } else if (b === 13) {
      this.col = 0;
    } else if (b === 8) {
      if (this.col > 0) this.col = Math.min(this.col, this.cols) - 1;
    } else if (b === 9) {
      if (this.col >= this.cols) this.newline();
      this.col = Math.min(this.cols, (Math.trunc(this.col / TAB_WIDTH) + 1) * TAB_WIDTH);
    } else {
      if (this.col >= this.cols) this.newline();
      mmioWrite16(this.cellAddress(this.row, this.col), u16((this.attribute << 8) | b));
      this.col++;
    }
  }

  /** Writes a string. */
  write(s: Fmt): void {
    for (let i = 0; i < s.length; i++) this.putByte(u8(s.charCodeAt(i)));
  }

  /** The cell index where the cursor is shown (the last column while a wrap is pending). */
  cursorOffset(): u32 {
    return this.row * this.cols + Math.min(this.col, this.cols - 1);
  }
}

const screen = new TextScreen(VGA_TEXT_VIRT, VGA_COLS, VGA_ROWS);

/** The real screen. */
export function vgaScreen(): TextScreen {
  return screen;
}

function crtcWrite(index: u8, value: u8): void {
  outb(CRTC_INDEX, index);
  outb(CRTC_DATA, value);
}

function crtcRead(index: u8): u8 {
  outb(CRTC_INDEX, index);
  return inb(CRTC_DATA);
}

/** Moves the blinking hardware cursor to the screen's cursor. */
export function vgaSyncCursor(): void {
  const pos = screen.cursorOffset();
  crtcWrite(CRTC_CURSOR_HIGH, u8(pos >>> 8));
  crtcWrite(CRTC_CURSOR_LOW, u8(pos));
}

/** The hardware cursor's cell index, read back from the CRT controller. */
export function vgaHardwareCursor(): u32 {
  return (u32(crtcRead(CRTC_CURSOR_HIGH)) << 8 | crtcRead(CRTC_CURSOR_LOW)) >>> 0;
}

/** Clears the screen and shows an underline cursor (scanlines 14–15) at the top left. */
export function vgaInit(): void {
  screen.attribute = DEFAULT_ATTRIBUTE;
  screen.clear();
  crtcWrite(CRTC_CURSOR_START, u8((crtcRead(CRTC_CURSOR_START) & 0xc0) | 14));
  crtcWrite(CRTC_CURSOR_END, u8((crtcRead(CRTC_CURSOR_END) & 0xe0) | 15));
  vgaSyncCursor();
}
