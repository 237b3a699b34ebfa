/**
 * Builds a bootable GRUB ISO of the kernel with Debian's grub-mkrescue (packages grub-pc-bin,
 * xorriso and mtools): BIOS GRUB loads build/kernel.elf as a multiboot kernel.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildKernel } from "./kernel.js";
import { REPO_ROOT } from "./kernel-link.js";

/** What to build. Relative paths are relative to the repository root. */
export interface IsoOptions {
  /** The ISO to write; default build/openos.iso. */
  output?: string;
  /** Kernel command line of the default menu entry (e.g. "test"). */
  cmdline?: string;
  /** Where the kernel build and the ISO tree go; default build/. */
  workDir?: string;
}

/** How to get the tools, printed when one is missing. */
export const ISO_TOOLS_HINT = "apt-get install grub-pc-bin xorriso mtools";

/** The ISO tools that are missing here (empty when all are installed). */
export function missingIsoTools(): string[] {
  const missing: string[] = [];
  for (const tool of ["grub-mkrescue", "xorriso", "mformat"]) {
    if (spawnSync(tool, ["--version"], { stdio: "ignore" }).error) missing.push(tool);
  }
  if (!fs.existsSync("/usr/lib/grub/i386-pc")) missing.push("GRUB's BIOS modules (/usr/lib/grub/i386-pc)");
  return missing;
}

/** The GRUB configuration: boot OpenOS at once; the menu (and GRUB) stay off the serial line, which belongs to the kernel. */
export function grubConfig(cmdline: string): string {
  const line = cmdline.trim() === "" ? "" : ` ${cmdline.trim()}`;
  return [
    "set timeout=0",
    "set default=0",
    "",
    'menuentry "OpenOS" {',
    `  multiboot /boot/openos.elf${line}`,
    "  boot",
    "}",
    "",
    'menuentry "OpenOS (in-kernel tests)" {',
    "  multiboot /boot/openos.elf test",
    "  boot",
    "}",
    "",
  ].join("\n");
}

/** Builds the kernel and the ISO; throws with a clear message when the tools are missing. */
export async function buildIso(options: IsoOptions = {}): Promise<string> {
  const missing = missingIsoTools();
  if (missing.length > 0) throw new Error(`building the ISO needs ${missing.join(", ")}; install them with: ${ISO_TOOLS_HINT}`);
  const workDir = path.resolve(REPO_ROOT, options.workDir ?? "build");
  const output = path.resolve(REPO_ROOT, options.output ?? path.join(workDir, "openos.iso"));
  const elf = await buildKernel({ output: path.join(workDir, "kernel.elf"), workDir });
  const tree = path.join(workDir, "iso");
  fs.rmSync(tree, { recursive: true, force: true });
  fs.mkdirSync(path.join(tree, "boot", "grub"), { recursive: true });
  fs.copyFileSync(elf, path.join(tree, "boot", "openos.elf"));
  fs.writeFileSync(path.join(tree, "boot", "grub", "grub.cfg"), grubConfig(options.cmdline ?? ""));
  const r = spawnSync("grub-mkrescue", ["-o", output, tree], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`grub-mkrescue failed:\n${r.stderr || r.error?.message}`);
  return output;
}
