/**
 * PS/2 keyboard behind the i8042 controller, on IRQ 1. The controller is set to translate to
 * scancode set 1 and to interrupt on keyboard bytes; each byte goes through the scancode
 * translator and the characters it types go to the receiver (the console's input queue).
 */
import { ByteRing } from "../lib/ring";
import { picEnable } from "./pic";
import { ScancodeTranslator } from "./scancode";

/** The keyboard's line on the legacy PIC. */
export const KEYBOARD_IRQ: u32 = 1;

const DATA: u16 = 0x60;
const STATUS: u16 = 0x64; // read
const COMMAND: u16 = 0x64; // write

const STATUS_OUTPUT_FULL: u8 = 0x01;
const STATUS_INPUT_FULL: u8 = 0x02;
const STATUS_AUX_DATA: u8 = 0x20;

const CMD_READ_CONFIG: u8 = 0x20;
const CMD_WRITE_CONFIG: u8 = 0x60;
/** Makes the controller deliver the next data byte as if the keyboard had sent it. */
const CMD_WRITE_KEYBOARD_OUTPUT: u8 = 0xd2;

const CONFIG_KEYBOARD_IRQ: u8 = 0x01;
const CONFIG_KEYBOARD_DISABLED: u8 = 0x10;
const CONFIG_TRANSLATE: u8 = 0x40;

const KBD_ENABLE_SCANNING: u8 = 0xf4;
/** The keyboard's acknowledgement of a command. */
export const KBD_ACK: u8 = 0xfa;
const KBD_RESEND: u8 = 0xfe;
const KBD_ECHO: u8 = 0xee;
const KBD_ERROR_LOW: u8 = 0x00;
const KBD_ERROR_HIGH: u8 = 0xff;

const WAIT_SPINS: u32 = 200000;

/** A function that takes typed characters (called in interrupt context: it must not allocate). */
export type CharReceiver = (c: u8) => void;

/** Driver state and counters. */
export class KeyboardState {
  present = false;
  interrupts: u32 = 0;
  bytes: u32 = 0;
  chars: u32 = 0;
}
const kbd = new KeyboardState();
const translator = new ScancodeTranslator();
/** Every byte the keyboard sent since the last `keyboardClearRawLog` (replies included). */
const rawLog = new ByteRing(32);
let receiver: CharReceiver | null = null;

function waitInputEmpty(): boolean {
  for (let i: u32 = 0; i < WAIT_SPINS; i++) if ((inb(STATUS) & STATUS_INPUT_FULL) === 0) return true;
  return false;
}

function readPolled(): i32 {
  for (let i: u32 = 0; i < WAIT_SPINS; i++) if ((inb(STATUS) & STATUS_OUTPUT_FULL) !== 0) return inb(DATA);
  return -1;
}

function writeCommand(cmd: u8): void {
  waitInputEmpty();
  outb(COMMAND, cmd);
}

function writeData(b: u8): void {
  waitInputEmpty();
  outb(DATA, b);
}

/**
 * Sets up the controller and the keyboard, then unmasks IRQ 1; returns false when there is no
 * i8042. The IRQ dispatcher must call `keyboardInterrupt` for IRQ 1 before this runs.
 */
export function keyboardInit(): boolean {
  if (inb(STATUS) === 0xff) return false; // floating bus: no controller
  for (let i = 0; i < 32 && (inb(STATUS) & STATUS_OUTPUT_FULL) !== 0; i++) inb(DATA);
  writeCommand(CMD_READ_CONFIG);
  const config = readPolled();
  if (config < 0) return false;
  writeCommand(CMD_WRITE_CONFIG);
  writeData(u8((config | CONFIG_KEYBOARD_IRQ | CONFIG_TRANSLATE) & ~CONFIG_KEYBOARD_DISABLED));
  // Firmware usually leaves scanning on; v86 without a BIOS does not.
  writeData(KBD_ENABLE_SCANNING);
  for (let i = 0; i < 4; i++) {
    const reply = readPolled();
    if (reply < 0 || reply === KBD_ACK) break;
  }
  translator.reset();
  kbd.present = true;
  picEnable(KEYBOARD_IRQ);
  return true;
}

/** Routes typed characters to `r`. */
export function keyboardSetReceiver(r: CharReceiver | null): void {
  receiver = r;
}

/** Command replies and error codes: never keystrokes. */
function isReply(b: u8): boolean {
  return b === KBD_ACK || b === KBD_RESEND || b === KBD_ECHO || b === KBD_ERROR_LOW || b === KBD_ERROR_HIGH;
}

/** Feeds one byte from the keyboard to the translator and the receiver. */
function handleByte(b: u8): void {
  kbd.bytes++;
  rawLog.push(b);
  if (isReply(b)) return;
  const c = translator.feed(b);
  if (c < 0) return;
  kbd.chars++;
  const r = receiver;
  if (r !== null) r(u8(c));
}

/** The IRQ 1 handler: reads every byte the controller holds. */
export function keyboardInterrupt(): void {
  kbd.interrupts++;
  for (let i = 0; i < 16; i++) {
    const status = inb(STATUS);
    if ((status & STATUS_OUTPUT_FULL) === 0) return;
    const b = inb(DATA);
    if ((status & STATUS_AUX_DATA) === 0) handleByte(b); // mouse bytes are dropped
  }
}

/** Sends a command byte to the keyboard itself (its replies arrive through IRQ 1). */
export function keyboardSendCommand(b: u8): void {
  writeData(b);
}

/**
 * Asks the controller to deliver `b` as if the keyboard had sent it (command 0xD2), which
 * exercises the whole IRQ 1 path. Controllers without the command treat `b` as a keyboard
 * command instead and answer with an acknowledgement.
 */
export function keyboardInject(b: u8): void {
  writeCommand(CMD_WRITE_KEYBOARD_OUTPUT);
  writeData(b);
}

/** Removes the oldest logged raw byte, or returns -1. */
export function keyboardTakeRaw(): i32 {
  return rawLog.pop();
}

/** Empties the raw byte log. */
export function keyboardClearRawLog(): void {
  rawLog.clear();
}

/** The driver's state and counters. */
export function keyboardState(): KeyboardState {
  return kbd;
}

/** The modifier state (for diagnostics and tests). */
export function keyboardTranslator(): ScancodeTranslator {
  return translator;
}
