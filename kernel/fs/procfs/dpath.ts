/**
 * The path of a directory entry as /proc shows it (Linux's d_path): absolute, across mount
 * points, and followed by " (deleted)" once the entry has been unlinked. It is written into the
 * text back to front — each name reversed, then the whole path reversed in place — so no string
 * is built and a deep tree costs no kernel stack.
 */
import { Dentry } from "../vfs";
import { ProcText } from "./text";

/** Appends the path of `d`; `escapeNewlines` writes a newline in a name as \012 (seq_path's escape in maps). */
export function putDentryPath(out: ProcText, d: Dentry, escapeNewlines: boolean): void {
  const from = out.length;
  let x = d;
  for (;;) {
    while (x.covers !== null) x = x.covers!;
    const parent = x.parent;
    if (parent === null) break;
    const name = x.name;
    for (let i = name.length - 1; i >= 0; i--) {
      const c = name.charCodeAt(i);
      if (c === 10 && escapeNewlines) out.text("210\\");
      else out.byte(u8(c));
    }
    out.byte(47);
    x = parent;
  }
  if (out.length === from) out.byte(47); // the root itself
  out.reverseFrom(from);
  if (!d.linked) out.text(" (deleted)");
}
