/**
 * The file behind a mapping or an executable, as the memory layer keeps it (mm/mappedfile.ts):
 * the directory entry it was opened by, held (like an open file holds it) so that /proc can name
 * it for as long as the mapping lives — by its current path, with " (deleted)" once unlinked, as
 * Linux's d_path shows it.
 */
import { MappedFile } from "../mm/mappedfile";
import { Dentry } from "./vfs";

/** A mapped file named by its directory entry. */
export class NamedFile extends MappedFile {
  constructor(readonly dentry: Dentry) {
    super();
    dentry.refs++;
    dentry.inode.opens++; // the inode's data stays while the name does, as with an open file
  }

  device(): u32 {
    return this.dentry.inode.sb.dev;
  }

  inode(): u32 {
    return this.dentry.inode.ino;
  }

  release(): void {
    const d = this.dentry;
    d.refs--;
    d.inode.opens--;
    d.inode.maybeEvict();
  }
}

/** A new name for the file at `d` (one user: the caller's). */
export function namedFile(d: Dentry): MappedFile {
  return new NamedFile(d);
}
