/**
 * PC keyboard scancode set 1 (what the i8042 delivers with translation on) to ASCII for a US
 * layout. Pure logic: the translator only keeps the modifier state, so it runs under Node too.
 *
 * A byte below 0x80 is a key press ("make"), the same code plus 0x80 its release ("break").
 * 0xE0 prefixes the extended keys (right Ctrl, keypad Enter and /, arrows); 0xE1 starts the
 * six-byte Pause sequence.
 */

/** Scancodes of the keys the translator treats specially. */
export const enum Scancode {
  Escape = 0x01, Backspace = 0x0e, Tab = 0x0f, Enter = 0x1c, Ctrl = 0x1d, LeftShift = 0x2a,
  RightShift = 0x36, KeypadStar = 0x37, Alt = 0x38, Space = 0x39, CapsLock = 0x3a, KeypadSlash = 0x35,
  ExtendedPrefix = 0xe0, PausePrefix = 0xe1, Release = 0x80,
}

/** ASCII produced for Backspace (DEL, as serial terminals send it). */
export const BACKSPACE_CHAR: i32 = 127;

/** Printable keys in rows of consecutive scancodes, unshifted and shifted. */
class KeyRow {
  constructor(readonly first: u8, readonly plain: string, readonly shifted: string) {}
}
const ROWS: KeyRow[] = [
  new KeyRow(0x02, "1234567890-=", "!@#$%^&*()_+"),
  new KeyRow(0x10, "qwertyuiop[]", "QWERTYUIOP{}"),
  new KeyRow(0x1e, "asdfghjkl;'`", "ASDFGHJKL:\"~"),
  new KeyRow(0x2b, "\\zxcvbnm,./", "|ZXCVBNM<>?"),
];
/** The keypad (0x47–0x53) as digits and operators: the translator acts as if Num Lock were on. */
const KEYPAD_FIRST: u8 = 0x47;
const KEYPAD = "789-456+1230.";

function isLetter(c: i32): boolean {
  return c >= 97 && c <= 122;
}

/** Keeps the modifier state of one keyboard and turns scancodes into characters. */
export class ScancodeTranslator {
  leftShift = false;
  rightShift = false;
  leftCtrl = false;
  rightCtrl = false;
  capsLock = false;
  private capsHeld = false;
  private extended = false;
  private pauseBytesLeft: u32 = 0;

  /** True while either Shift is down. */
  get shift(): boolean {
    return this.leftShift || this.rightShift;
  }

  /** True while either Ctrl is down. */
  get ctrl(): boolean {
    return this.leftCtrl || this.rightCtrl;
  }

  /** Forgets every modifier and prefix (the keyboard was reset). */
  reset(): void {
    this.leftShift = false;
    this.rightShift = false;
    this.leftCtrl = false;
    this.rightCtrl = false;
    this.capsLock = false;
    this.capsHeld = false;
    this.extended = false;
    this.pauseBytesLeft = 0;
  }

  /** Feeds one scancode byte; returns the character it types, or -1 (modifiers, releases, prefixes). */
  feed(code: u8): i32 {
    if (this.pauseBytesLeft > 0) {
      this.pauseBytesLeft--;
      return -1;
    }
    if (code === Scancode.ExtendedPrefix) {
      this.extended = true;
      return -1;
    }
    if (code === Scancode.PausePrefix) {
      this.pauseBytesLeft = 5;
      return -1;
    }
    const extended = this.extended;
    this.extended = false;
    const released = (code & Scancode.Release) !== 0;
    const key = code & 0x7f;
    if (this.updateModifiers(key, released, extended)) return -1;
    if (released) return -1;
    return extended ? this.extendedKey(key) : this.plainKey(key);
  }

  /** Tracks Shift, Ctrl and Caps Lock; true when the key was one of them. */
  private updateModifiers(key: i32, released: boolean, extended: boolean): boolean {
    if (key === Scancode.LeftShift || key === Scancode.RightShift) {
      // E0 2A / E0 36 are the fake shifts around Print Screen and the arrows: not real Shift keys.
      if (!extended) {
        if (key === Scancode.LeftShift) this.leftShift = !released;
        else this.rightShift = !released;
      }
      return true;
    }
    if (key === Scancode.Ctrl) {
      if (extended) this.rightCtrl = !released;
      else this.leftCtrl = !released;
      return true;
    }
    if (key === Scancode.CapsLock) {
      // Typematic repeat sends more makes while the key is held: toggle on the first only.
      if (!released && !this.capsHeld) this.capsLock = !this.capsLock;
      this.capsHeld = !released;
      return true;
    }
    return key === Scancode.Alt;
  }

  private extendedKey(key: i32): i32 {
    if (key === Scancode.Enter) return 10;
    if (key === Scancode.KeypadSlash) return 47;
    return -1; // arrows, navigation and multimedia keys type nothing yet
  }

  private plainKey(key: i32): i32 {
    if (key === Scancode.Escape) return 27;
    if (key === Scancode.Backspace) return BACKSPACE_CHAR;
    if (key === Scancode.Tab) return 9;
    if (key === Scancode.Enter) return 10;
    if (key === Scancode.Space) return 32;
    if (key === Scancode.KeypadStar) return 42;
    if (key >= KEYPAD_FIRST && key < KEYPAD_FIRST + KEYPAD.length) return KEYPAD.charCodeAt(key - KEYPAD_FIRST);
    for (const row of ROWS) {
      if (key < row.first || key >= row.first + row.plain.length) continue;
      const plain = row.plain.charCodeAt(key - row.first);
      if (this.ctrl) return plain >= 64 && plain < 128 ? plain & 0x1f : plain;
      let shifted = this.shift;
      if (isLetter(plain) && this.capsLock) shifted = !shifted;
      return shifted ? row.shifted.charCodeAt(key - row.first) : plain;
    }
    return -1;
  }
}
