/**
 * File-layer bring-up: tmpfs as the root, filled from the initramfs; devfs on /dev; procfs on
 * /proc; /tmp; the per-process file tables; and exec's view of files (executables are looked
 * up in the VFS).
 */
import { Initramfs, parseInitramfs } from "./initramfs";
import { BootInfo } from "../boot/multiboot";
import { KERNEL_BASE } from "../arch/x86/layout";
import { directMapBytes } from "../mm/pmm";
import { Tmpfs, TmpfsFile, populateFromInitramfs } from "./tmpfs";
import { devfsPopulate } from "./devfs";
import { mountProcfs } from "./procfs";
import { fdTablesInit, cwdOf } from "./fdtable";
import { S_IFMT, S_IFREG, makeDirectory, mount, mountRoot, releaseLookup, resolve, rootDentry } from "./vfs";
import { ExecutableFile, setExecutableLookup } from "../proc/process";
import { namedFile } from "./mapname";
import { currentTask } from "../proc/sched";
import { Errno } from "../syscall/errno";
import { error, info, warn } from "../lib/printk";

/** Device numbers of the in-memory file systems (st_dev). */
const ROOT_DEV: u32 = 0x0f;
const DEV_DEV: u32 = 0x05;

/**
 * Exec's lookup: the path (relative to the caller's cwd) must name a regular file with an
 * execute bit: -ENOENT/-ENOTDIR/-ELOOP from the walk, -EACCES for anything not executable, as
 * Linux answers. Archive-backed files are lent in place (for good: the archive never changes);
 * others through a contiguous copy (an empty file has no bytes, which the ELF loader refuses
 * with -ENOEXEC). The file's name comes along for /proc/<pid>/maps and /proc/<pid>/exe.
 */
function executableFromVfs(path: string): ExecutableFile | null {
  const r = resolve(cwdOf(currentTask()), path);
  const d = r.dentry, err = r.error;
  releaseLookup(r);
  if (err !== 0 || d === null) return new ExecutableFile(0, 0, err !== 0 ? err : -Errno.ENOENT, false, null);
  const inode = d.inode;
  if ((inode.mode & S_IFMT) !== S_IFREG || (inode.mode & 0o111) === 0 || !(inode instanceof TmpfsFile)) return new ExecutableFile(0, 0, -Errno.EACCES, false, null);
  if (inode.size === 0) return new ExecutableFile(0, 0, -Errno.ENOEXEC, false, null);
  const file = inode as TmpfsFile;
  const bytes = file.contiguous();
  if (bytes === 0) return new ExecutableFile(0, 0, -Errno.ENOMEM, false, null);
  return new ExecutableFile(bytes, inode.size, 0, file.backing !== 0, namedFile(d));
}

/** The initramfs among the boot modules (the first one), parsed; null when there is none or it is out of reach. */
function findInitramfs(boot: BootInfo): Initramfs | null {
  if (boot.modules.length === 0) return null;
  const m = boot.modules[0];
  if (m.end > directMapBytes()) {
    error(`initramfs at ${m.start}..${m.end} lies outside the direct map; ignoring it`);
    return null;
  }
  const fs = parseInitramfs(m.start + KERNEL_BASE, m.end - m.start);
  if (fs.error !== "") warn(`initramfs: ${fs.error}`);
  info(`initramfs: ${fs.files.length} files`);
  return fs;
}

/** Mounts the root, /dev and /proc, unpacks the initramfs, and attaches files to processes. */
export function fsInit(boot: BootInfo): void {
  const archive = findInitramfs(boot);
  const root = mountRoot(new Tmpfs("tmpfs", ROOT_DEV), 0o755);
  const files = archive === null ? 0 : populateFromInitramfs(root, archive);
  for (const dir of ["/dev", "/proc", "/tmp"]) {
    const r = makeDirectory(root, dir, dir === "/tmp" ? 0o1777 : dir === "/proc" ? 0o555 : 0o755);
    if (r !== 0 && r !== -Errno.EEXIST) warn(`fs: mkdir ${dir}: error ${r}`);
  }
  const dev = resolve(root, "/dev").dentry!;
  devfsPopulate(mount(new Tmpfs("devfs", DEV_DEV), dev, 0o755));
  mountProcfs(resolve(root, "/proc").dentry!);
  fdTablesInit();
  setExecutableLookup(executableFromVfs);
  info(`fs: tmpfs root with ${files} files from the initramfs, devfs on /dev, procfs on /proc`);
  if (rootDentry().children.length === 0) warn("fs: the root file system is empty");
}
