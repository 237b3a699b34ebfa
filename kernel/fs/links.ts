/**
 * Making links: symbolic links (an inode holding a target path, resolved by the path walk on
 * every use) and hard links (a second name for an existing inode in the same file system). Both
 * work on any writable file system, since they need nothing from it but a directory entry.
 */
import { Errno } from "../syscall/errno";
import { Dentry, Inode, Lookup, S_IFLNK, SuperBlock, currentTime, linkInode, linkOps, releaseLookup, resolve, takeName, walk } from "./vfs";
import { PATH_MAX, copyOf } from "./path";

/** A symbolic link: its target is fixed at creation. */
export class SymlinkInode extends Inode {
  constructor(sb: SuperBlock, ino: u32, readonly target: string) {
    super(sb, ino, S_IFLNK | 0o777, linkOps);
    this.size = u32(target.length);
  }

  readLink(): string | null {
    return this.target;
  }
}

/** symlink: creates `path` pointing at `target`. 0 or -EEXIST, -ENOENT, -ENOTDIR, -EROFS, -ENAMETOOLONG. */
export function makeSymlink(start: Dentry, path: string, target: string): i32 {
  if (target.length === 0) return -Errno.ENOENT;
  if (target.length >= PATH_MAX) return -Errno.ENAMETOOLONG;
  const r = walk(start, path);
  const e = symlinkAt(r, target);
  releaseLookup(r);
  return e;
}

function symlinkAt(r: Lookup, target: string): i32 {
  if (r.error !== 0) return r.error;
  if (r.dentry !== null) return -Errno.EEXIST;
  if (r.name === "" || r.trailingSlash) return -Errno.ENOENT;
  const dir = r.parent!;
  if (dir.inode.sb.readOnly) return -Errno.EROFS;
  linkInode(dir, takeName(r), new SymlinkInode(dir.inode.sb, dir.inode.sb.allocIno(), copyOf(target))); // the link keeps a copy
  return 0;
}

/**
 * link: gives the inode `from` names (symbolic links not followed, as Linux's link(2)) the
 * second name `to`. 0 or -EEXIST, -ENOENT, -EPERM (directories), -EXDEV (another file system),
 * -EROFS, -EMLINK.
 */
export function makeHardLink(start: Dentry, from: string, to: string, followFrom: boolean): i32 {
  const src = followFrom ? resolve(start, from) : walk(start, from);
  const srcError = src.error, old = src.dentry;
  releaseLookup(src);
  if (srcError !== 0) return srcError;
  if (old === null) return -Errno.ENOENT;
  if (old.inode.isDirectory()) return -Errno.EPERM;
  const r = walk(start, to);
  const e = hardLinkAt(r, old);
  releaseLookup(r);
  return e;
}

function hardLinkAt(r: Lookup, old: Dentry): i32 {
  if (r.error !== 0) return r.error;
  if (r.dentry !== null) return -Errno.EEXIST;
  if (r.name === "" || r.trailingSlash) return -Errno.ENOENT;
  const dir = r.parent!;
  if (dir.inode.sb !== old.inode.sb) return -Errno.EXDEV;
  if (dir.inode.sb.readOnly) return -Errno.EROFS;
  if (old.inode.nlink >= 0xffff) return -Errno.EMLINK;
  const inode: Inode = old.inode;
  linkInode(dir, takeName(r), inode);
  inode.nlink++;
  inode.ctime = currentTime();
  return 0;
}
