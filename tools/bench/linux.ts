/**
 * The other side of `npm run bench`: Debian's Linux 686 kernel booted under the same QEMU command
 * line as OpenOS, running the same static i386 benchmark programs, and the shell-script benchmark
 * (tools/bench/script) that both systems run through Debian's busybox sh.
 *
 * The kernel comes from Debian's archive (`linux-image-686` names the versioned
 * `linux-image-<abi>-686` package it depends on), cached under .cache/debian and never committed.
 * Linux gets an initramfs built here (newc cpio): the /bench programs, busybox with its applet
 * links in /opt/busybox/bin (the layout OpenOS's busybox overlay uses), /dev/console, /dev/null,
 * an empty /tmp. OpenOS gets the same files as an overlay on its own initramfs, so both systems
 * run the same binaries from the same paths.
 */
import fs from "node:fs";
import path from "node:path";
import { debianIndexEntry, debianPackage } from "../debian.js";
import { busyboxOverlay } from "../busybox.js";
import { type CpioEntry, writeCpio } from "../build/initramfs.js";
import { overlayEntries, type OverlayItem } from "../build/overlay.js";
import { buildBenchPrograms, buildStaticPrograms } from "../build/bench-programs.js";
import { REPO_ROOT } from "../build/kernel-link.js";

/** Where the shell-script benchmark lives: the script (commands.sh) and its timer (shell_script.c). */
export const SCRIPT_BENCH_DIR = path.join(REPO_ROOT, "tools", "bench", "script");

/** Commands in one run of tools/bench/script/commands.sh (its header says how they are counted). */
export const SCRIPT_COMMANDS = 200;

/** The table row of the shell-script benchmark, next to SYSCALL_BENCHMARKS. */
export const SCRIPT_BENCHMARK: readonly [string, string] = ["shell_script", `busybox sh script of ${SCRIPT_COMMANDS} short commands, per command`];

/** A Linux kernel image ready for QEMU's -kernel. */
export interface LinuxKernel { bzImage: string; package: string; version: string }

/** Debian's current 686 kernel: resolves the `linux-image-686` metapackage and fetches the image. */
export async function debianLinuxKernel(): Promise<LinuxKernel> {
  const meta = await debianIndexEntry("linux-image-686", "i386");
  const dep = /\b(linux-image-[0-9][^\s,(]*-686)\b/.exec(meta.get("Depends") ?? "");
  if (dep === null) throw new Error(`linux-image-686 depends on no linux-image-*-686 package (Depends: ${meta.get("Depends")})`);
  const root = await debianPackage(dep[1]!, "i386");
  const boot = path.join(root, "boot");
  const image = fs.readdirSync(boot).find((f) => f.startsWith("vmlinuz-"));
  if (image === undefined) throw new Error(`${dep[1]} has no /boot/vmlinuz-*`);
  return { bzImage: path.join(boot, image), package: dep[1]!, version: fs.readFileSync(path.join(root, ".unpacked"), "utf8").trim() };
}

/** The shell script each system's first process runs: the script benchmark, then /bench/all. */
function runScript(scriptRuns: number, percent: number): string {
  return [
    `/bench/shell_script ${scriptRuns} ${SCRIPT_COMMANDS} /bin/busybox /bench/script.sh`,
    `/bench/all ${percent}`,
    "",
  ].join("\n");
}

/** How a system is started for the benchmarks: the words its kernel command line ends with. */
export function benchInit(withBusybox: boolean, percent: number): string {
  return withBusybox ? "/bin/busybox -- sh /bench/run.sh" : `/bench/all -- ${percent}`;
}

/**
 * The files both systems get on top of the /bench programs: the shell-script benchmark (its timer,
 * its script, the run.sh that starts it and then /bench/all) and busybox with its applet links.
 * Empty when `busybox` is false.
 */
export async function scriptBenchItems(workDir: string, busybox: boolean, scriptRuns: number, percent: number): Promise<OverlayItem[]> {
  if (!busybox) return [];
  const [timer] = await buildStaticPrograms(SCRIPT_BENCH_DIR, path.join(workDir, "script-bench"));
  return [
    ...await busyboxOverlay(),
    { host: timer!.path, guest: "/bench/shell_script" },
    { host: path.join(SCRIPT_BENCH_DIR, "commands.sh"), guest: "/bench/script.sh" },
    { guest: "/bench/run.sh", mode: 0o755, data: Buffer.from(runScript(scriptRuns, percent), "latin1") },
  ];
}

/** An empty directory entry. */
function dir(name: string): CpioEntry {
  return { name, mode: 0o040755, data: Buffer.alloc(0) };
}

/** OpenOS's benchmark initramfs: its own archive followed by `items` and an empty /tmp. */
export function writeOpenOSBenchInitramfs(base: string, items: OverlayItem[], out: string): string {
  const extra = items.length === 0 ? [] : [...overlayEntries(items), dir("tmp")];
  fs.writeFileSync(out, Buffer.concat([fs.readFileSync(base), ...(extra.length > 0 ? [writeCpio(extra)] : [])]));
  return out;
}

/**
 * Linux's benchmark initramfs: /bench (the same programs OpenOS carries), `items`, /tmp, and the
 * /dev nodes the kernel and the scripts open before anything could mount devtmpfs.
 */
export async function writeLinuxBenchInitramfs(workDir: string, items: OverlayItem[], out: string): Promise<string> {
  const programs = await buildBenchPrograms(path.join(workDir, "linux-bench"));
  const entries: CpioEntry[] = [dir("bench"), dir("dev"), dir("tmp")];
  for (const p of programs) entries.push({ name: `bench/${p.name}`, mode: 0o100755, data: fs.readFileSync(p.path) });
  entries.push({ name: "dev/console", mode: 0o020600, data: Buffer.alloc(0), rdev: { major: 5, minor: 1 } });
  entries.push({ name: "dev/null", mode: 0o020666, data: Buffer.alloc(0), rdev: { major: 1, minor: 3 } });
  entries.push(...overlayEntries(items));
  fs.writeFileSync(out, writeCpio(entries));
  return out;
}

/** Linux's command line: the serial console, no boot chatter, the benchmarks as the first process. */
export function linuxCmdline(init: string): string {
  return `console=ttyS0 quiet panic=-1 rdinit=${init}`;
}
