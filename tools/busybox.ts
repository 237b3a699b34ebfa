/**
 * Debian's static busybox for i386 as an initramfs overlay: the binary as /bin/busybox and one
 * symbolic link per applet in /opt/busybox/bin (so `PATH=/opt/busybox/bin` gives busybox's
 * applets, while /bin keeps OpenOS's own programs). The applet list comes from running the same
 * binary on this host (`busybox --list`), which i386 static binaries allow on x86 Linux.
 */
import { execFileSync } from "node:child_process";
import { busyboxStatic } from "./debian.js";
import type { OverlayItem } from "./build/overlay.js";

/** Where the applet links live in OpenOS. */
export const BUSYBOX_APPLET_DIR = "/opt/busybox/bin";

/** The applets the binary at `busybox` offers. */
export function busyboxApplets(busybox: string): string[] {
  const out = execFileSync(busybox, ["--list"], { encoding: "latin1" });
  return out.split("\n").map((s) => s.trim()).filter((s) => /^[A-Za-z0-9_.[-]+$/.test(s));
}

/** The overlay items: the binary and its applet links. */
export async function busyboxOverlay(): Promise<OverlayItem[]> {
  const binary = await busyboxStatic();
  const items: OverlayItem[] = [{ host: binary, guest: "/bin/busybox" }];
  for (const applet of busyboxApplets(binary)) items.push({ guest: `${BUSYBOX_APPLET_DIR}/${applet}`, symlinkTo: "/bin/busybox" });
  return items;
}
