/**
 * Path names as the VFS walks them: limits (Linux's PATH_MAX and NAME_MAX) and the split of a
 * path into its components. Pure string logic, unit-tested under Node.
 */

/** Longest path a system call accepts, with its NUL (Linux PATH_MAX). */
export const PATH_MAX: u32 = 4096;
/** Longest name of one directory entry (Linux NAME_MAX). */
export const NAME_MAX: i32 = 255;

/** A path split into components: `absolute` paths start at the root, others at the cwd. */
export class SplitPath {
  components: string[] = [];
  absolute = false;
  /** Did the path end with a slash (so its last component must be a directory)? */
  trailingSlash = false;
  /** A component longer than NAME_MAX makes the whole path invalid (-ENAMETOOLONG). */
  tooLong = false;
}

/** A copy of `s` in storage of its own (never `s` itself, as `s.slice(0)` may be). */
export function copyOf(s: string): string {
  const n = s.length;
  const bytes = new Array<u8>(n).fill(0);
  for (let i = 0; i < n; i++) bytes[i] = u8(s.charCodeAt(i) & 0xff);
  const c = stringFromBytes(bytes, 0, n);
  dispose(bytes);
  return c;
}

/**
 * Splits `path` at slashes. Empty components (`a//b`) vanish; `.` and `..` are kept, because
 * only the walk knows where `..` leads (mount points, the root).
 */
export function splitPath(path: string): SplitPath {
  const r = new SplitPath();
  r.absolute = path.startsWith("/");
  r.trailingSlash = path.length > 1 && path.endsWith("/");
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    if (i > start) {
      if (i - start > NAME_MAX) r.tooLong = true;
      // Each component is a string of its own, freed with the split: a slice of the whole
      // string would be the caller's path itself.
      r.components.push(start === 0 && i === path.length ? copyOf(path) : path.slice(start, i));
    }
    start = i + 1;
  }
  return r;
}

/** Frees a split and its components, except component `keep` (-1: none), which its new owner keeps. */
export function releaseSplit(sp: SplitPath, keep: i32): void {
  for (let i = 0; i < sp.components.length; i++) if (i !== keep) dispose(sp.components[i]);
  dispose(sp.components);
  dispose(sp);
}
