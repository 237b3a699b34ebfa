/**
 * Output and input over descriptors: writing strings as raw bytes (console.log re-encodes
 * Latin-1 as UTF-8, which would corrupt file data), error reporting in the `prog: what: why`
 * style, whole-file reads and a buffered line reader.
 */
import { writeRaw, readRaw, open, close, O_RDONLY, STDOUT, STDERR } from "./sys";
import { bytesToString } from "./cstring";
import { strerror, EINTR } from "./errno";

/** Writes all of `s` to `fd`; returns false if the descriptor failed. */
export function writeString(fd: i32, s: string): boolean {
  let done = 0;
  while (done < s.length) {
    const n = writeRaw(fd, addressOf(s) + u32(done), u32(s.length - done));
    if (n === -EINTR) continue;
    if (n <= 0) return false;
    done += n;
  }
  return true;
}

/** Writes `s` to standard output. */
export function print(s: string): void {
  writeString(STDOUT, s);
}

/** Writes `s` and a newline to standard output. */
export function println(s: string): void {
  writeString(STDOUT, s + "\n");
}

/** Writes `s` and a newline to standard error. */
export function eprintln(s: string): void {
  writeString(STDERR, s + "\n");
}

/** Reports a failed operation as `prog: subject: message` on standard error (`err` is -errno). */
export function reportError(prog: string, subject: string, err: i32): void {
  eprintln(`${prog}: ${subject}: ${strerror(-err)}`);
}

/** Copies everything readable from `src` to `dst`; returns 0 or -errno. */
export function copyFd(src: i32, dst: i32): i32 {
  const buf = new Array<u8>(65536).fill(0);
  const at = addressOf(buf);
  for (;;) {
    const n = readRaw(src, at, 65536);
    if (n === -EINTR) continue;
    if (n < 0) return n;
    if (n === 0) return 0;
    let done = 0;
    while (done < n) {
      const w = writeRaw(dst, at + u32(done), u32(n - done));
      if (w === -EINTR) continue;
      if (w <= 0) return w < 0 ? w : -5;
      done += w;
    }
  }
}

/** The result of reading a whole file: its text, or a negative errno. */
export class FileText {
  constructor(readonly text: string, readonly err: i32) {}
}

/** Reads all of `fd` into a string. */
export function readAllFd(fd: i32): FileText {
  const parts: string[] = [];
  const buf = new Array<u8>(65536).fill(0);
  for (;;) {
    const n = readRaw(fd, addressOf(buf), 65536);
    if (n === -EINTR) continue;
    if (n < 0) return new FileText("", n);
    if (n === 0) break;
    parts.push(bytesToString(buf, 0, n));
  }
  return new FileText(parts.join(""), 0);
}

/** Reads the whole file at `path`. */
export function readFile(path: string): FileText {
  const fd = open(path, O_RDONLY, 0);
  if (fd < 0) return new FileText("", fd);
  const r = readAllFd(fd);
  close(fd);
  return r;
}

/**
 * Reads lines from a descriptor. Buffered by default; `unbuffered` reads one byte at a time so
 * that nothing past the current line is consumed (a shell reading commands from a pipe must
 * leave the rest of its input to the programs it starts).
 */
export class LineReader {
  private buf: u8[];
  private start: i32 = 0;
  private end: i32 = 0;
  private eof: boolean = false;
  /** The error that ended input, if any (negative errno), else 0. */
  error: i32 = 0;

  constructor(readonly fd: i32, readonly unbuffered: boolean) {
    this.buf = new Array<u8>(4096).fill(0);
  }

  /** The next line without its newline, or null at end of input. A last line without a newline is still returned. */
  readLine(): string | null {
    const parts: string[] = [];
    for (;;) {
      for (let i = this.start; i < this.end; i++) {
        if (this.buf[i] === 10) {
          parts.push(bytesToString(this.buf, this.start, i));
          this.start = i + 1;
          return parts.join("");
        }
      }
      if (this.end > this.start) parts.push(bytesToString(this.buf, this.start, this.end));
      this.start = 0;
      this.end = 0;
      if (this.eof || !this.fill()) return parts.length > 0 ? parts.join("") : null;
    }
  }

  /** Reads more input into the empty buffer; false at end of input or on error. */
  private fill(): boolean {
    for (;;) {
      const n = readRaw(this.fd, addressOf(this.buf), this.unbuffered ? 1 : u32(this.buf.length));
      if (n === -EINTR) continue;
      if (n <= 0) {
        this.eof = true;
        if (n < 0) this.error = n;
        return false;
      }
      this.end = n;
      return true;
    }
  }
}
