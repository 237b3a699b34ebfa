/** The kernel's identity, as uname(2) and /proc/version report it. */

/** The system's name (utsname.sysname). */
export const UTS_SYSNAME = "OpenOS";
/** The default host name (utsname.nodename). */
export const UTS_NODENAME = "openos";
/** The kernel release (utsname.release). */
export const UTS_RELEASE = "0.1.0";
/** The kernel build (utsname.version). */
export const UTS_VERSION = "#1 OpenOS TypeScript kernel";
/** The hardware (utsname.machine). */
export const UTS_MACHINE = "i686";
/** The NIS domain name (utsname.domainname). */
export const UTS_DOMAINNAME = "(none)";
/** Who built the kernel and with what, for /proc/version. */
export const COMPILE_BY = "openos@openos";
export const COMPILER = "ostc TypeScript compiler, gcc";
