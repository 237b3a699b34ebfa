/**
 * The file a region maps (Linux's vm_file) and the one an address space runs (mm->exe_file), as
 * /proc/<pid>/maps and /proc/<pid>/exe show them. The memory layer only keeps them and counts
 * their users: the file layer makes them (fs/mapname.ts) and knows what they name. A region's
 * pages come from its memory object; its file is only its name, so the executable's image
 * regions, whose pages live in a cache shared by every run of the file, still name their file.
 */

/** A file named by regions and address spaces; the last user to let go releases it. */
export abstract class MappedFile {
  /** Regions and address spaces referring to it (the creator's reference counts as the first). */
  users: u32 = 1;

  /** st_dev of the file's file system, as stat encodes it. */
  abstract device(): u32;

  /** The file's inode number. */
  abstract inode(): u32;

  /** Lets go of what it refers to (the last user let go). */
  abstract release(): void;

  /** One more user. */
  acquire(): MappedFile {
    this.users++;
    return this;
  }

  /** A user lets go: the last one releases it and frees it. */
  drop(): void {
    if (this.users === 0) panic("mapped file dropped more often than acquired");
    this.users--;
    if (this.users !== 0) return;
    this.release();
    dispose(this);
  }
}
