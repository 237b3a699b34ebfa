/**
 * System-call layer bring-up: the entry point and every call family's registration, the boot
 * epoch of the wall clock, and `strace` from the command line. Runs once the process and file
 * layers are up (the calls reach into both).
 */
import { BootInfo, cmdlineHas } from "../boot/multiboot";
import { setSyscallTracing, syscallInit } from "./dispatch";
import { procCallsInit } from "./proc_calls";
import { threadCallsInit } from "./thread_calls";
import { resourceCallsInit } from "./resource_calls";
import { fsCallsInit } from "./fs_calls";
import { rwCallsInit } from "./rw_calls";
import { fsMetaCallsInit } from "./fs_meta_calls";
import { pollCallsInit } from "./poll_calls";
import { mmCallsInit } from "./mm_calls";

/** Installs the system-call table and entry. */
export function syscallsInit(boot: BootInfo): void {
  syscallInit();
  mmCallsInit();
  setSyscallTracing(cmdlineHas(boot.cmdline, "strace"));
  procCallsInit();
  threadCallsInit();
  resourceCallsInit();
  fsCallsInit();
  rwCallsInit();
  fsMetaCallsInit();
  pollCallsInit();
}
