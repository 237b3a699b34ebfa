/**
 * The initramfs: a Linux-format cpio archive ("newc", magic 070701) passed by the loader as a
 * multiboot module. Files are found by path without copying; a malformed archive is reported
 * and the parse stops at the first bad header.
 */

/** A file inside the archive: where its bytes are (kernel virtual address) and how many. */
export class ArchiveFile {
  constructor(readonly name: string, readonly data: u32, readonly size: u32, readonly mode: u32) {}
}

/** The parsed archive. */
export class Initramfs {
  files: ArchiveFile[] = [];
  /** Why parsing stopped early ("" when the trailer was reached). */
  error = "";

  /** The file at `path` ("/bin/init", "bin/init" and "./bin/init" are the same), or null. */
  find(path: string): ArchiveFile | null {
    const want = normalize(path);
    for (const f of this.files) if (f.name === want) return f;
    return null;
  }
}

function normalize(p: string): string {
  let s = p;
  while (s.startsWith("./")) s = s.slice(2);
  while (s.startsWith("/")) s = s.slice(1);
  return s;
}

function hexField(addr: u32, i: u32): i32 {
  let v: u32 = 0;
  for (let k: u32 = 0; k < 8; k++) {
    const c = load8(addr + 6 + i * 8 + k);
    let d: i32 = -1;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    if (d < 0) return -1;
    v = ((v << 4) | d) >>> 0;
  }
  return v > 0x7fffffff ? -1 : i32(v);
}

/** Parses the archive (or concatenated archives) at kernel address `start` of `length` bytes; later files replace earlier ones of the same name when the tree is built. */
export function parseInitramfs(start: u32, length: u32): Initramfs {
  const fs = new Initramfs();
  let off: u32 = 0;
  for (;;) {
    if (off + 110 > length) { fs.error = "archive ends without a trailer"; break; }
    const h = start + off;
    if (load32(h) !== 0x37303730 || load16(h + 4) !== 0x3130) { fs.error = `bad cpio magic at offset ${off}`; break; }
    const mode = hexField(h, 1);
    const size = hexField(h, 6);
    const nameSize = hexField(h, 11);
    if (mode < 0 || size < 0 || nameSize <= 0 || nameSize > 4096) { fs.error = `bad cpio header at offset ${off}`; break; }
    if (off + 110 + u32(nameSize) > length) { fs.error = "truncated file name"; break; }
    let name = "";
    for (let i: u32 = 0; i + 1 < u32(nameSize); i++) name += String.fromCharCode(load8(h + 110 + i));
    const dataOff = (off + 110 + u32(nameSize) + 3) & ~3;
    if (name === "TRAILER!!!") {
      // Archives may be concatenated (as Linux allows): skip the padding to the next one.
      let next = dataOff;
      while (next + 4 <= length && load32(start + next) === 0) next += 4;
      if (next + 110 > length) break;
      off = next;
      continue;
    }
    if (u32(dataOff) + u32(size) > length) { fs.error = `file ${name} runs past the end of the archive`; break; }
    fs.files.push(new ArchiveFile(normalize(name), start + u32(dataOff), u32(size), u32(mode)));
    off = ((u32(dataOff) + u32(size) + 3) & ~3) >>> 0;
  }
  return fs;
}
