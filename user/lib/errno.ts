/**
 * Linux errno values, their symbolic names and the messages glibc prints for them. System calls
 * report errors as `-errno`; `strerror(-r)` turns one into text.
 */

export const EPERM: i32 = 1;
export const ENOENT: i32 = 2;
export const ESRCH: i32 = 3;
export const EINTR: i32 = 4;
export const EIO: i32 = 5;
export const EBADF: i32 = 9;
export const ECHILD: i32 = 10;
export const EAGAIN: i32 = 11;
export const ENOMEM: i32 = 12;
export const EACCES: i32 = 13;
export const EFAULT: i32 = 14;
export const EBUSY: i32 = 16;
export const EEXIST: i32 = 17;
export const EXDEV: i32 = 18;
export const ENOTDIR: i32 = 20;
export const EISDIR: i32 = 21;
export const EINVAL: i32 = 22;
export const EMFILE: i32 = 24;
export const ENOTTY: i32 = 25;
export const ENOSPC: i32 = 28;
export const ESPIPE: i32 = 29;
export const EPIPE: i32 = 32;
export const ERANGE: i32 = 34;
export const ENAMETOOLONG: i32 = 36;
export const ENOSYS: i32 = 38;
export const ENOTEMPTY: i32 = 39;
export const ELOOP: i32 = 40;
export const ENOEXEC: i32 = 8;

/** Names and messages indexed by errno (1…40); later values are looked up in EXTRA_*. */
const NAMES: string[] = [
  "0", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
  "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR",
  "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS",
  "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP",
];
const MESSAGES: string[] = [
  "Success", "Operation not permitted", "No such file or directory", "No such process",
  "Interrupted system call", "Input/output error", "No such device or address", "Argument list too long",
  "Exec format error", "Bad file descriptor", "No child processes", "Resource temporarily unavailable",
  "Cannot allocate memory", "Permission denied", "Bad address", "Block device required",
  "Device or resource busy", "File exists", "Invalid cross-device link", "No such device", "Not a directory",
  "Is a directory", "Invalid argument", "Too many open files in system", "Too many open files",
  "Inappropriate ioctl for device", "Text file busy", "File too large", "No space left on device",
  "Illegal seek", "Read-only file system", "Too many links", "Broken pipe",
  "Numerical argument out of domain", "Numerical result out of range", "Resource deadlock avoided",
  "File name too long", "No locks available", "Function not implemented", "Directory not empty",
  "Too many levels of symbolic links",
];
const EXTRA_CODES: i32[] = [75, 95, 110, 111];
const EXTRA_NAMES: string[] = ["EOVERFLOW", "EOPNOTSUPP", "ETIMEDOUT", "ECONNREFUSED"];
const EXTRA_MESSAGES: string[] = [
  "Value too large for defined data type", "Operation not supported", "Connection timed out", "Connection refused",
];

/** The symbolic name of an errno value ("ENOENT"), or its number as text. */
export function errnoName(errno: i32): string {
  if (errno >= 0 && errno < NAMES.length) return NAMES[errno];
  const i = EXTRA_CODES.indexOf(errno);
  return i >= 0 ? EXTRA_NAMES[i] : `E${errno}`;
}

/** The message for an errno value, as glibc's strerror words it. */
export function strerror(errno: i32): string {
  if (errno >= 0 && errno < MESSAGES.length) return MESSAGES[errno];
  const i = EXTRA_CODES.indexOf(errno);
  return i >= 0 ? EXTRA_MESSAGES[i] : `Unknown error ${errno}`;
}
