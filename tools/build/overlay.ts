/**
 * Overlays on the initramfs: host directories and generated files packed as a second newc cpio
 * archive and appended to the base one (the kernel, like Linux, reads concatenated archives,
 * later files replacing earlier ones). Used by `npm run os -- --add host:guest` and by tests
 * that bring programs nobody here wrote (Debian's busybox).
 */
import fs from "node:fs";
import path from "node:path";
import { CpioEntry, writeCpio } from "./initramfs.js";

/** One overlay item: a host file or directory tree copied to `guest`, or literal content. */
export type OverlayItem =
  | { host: string; guest: string }
  | { guest: string; data: Buffer; mode: number }
  | { guest: string; symlinkTo: string };

/** The cpio entries for `items`, with the directories leading to each guest path. */
export function overlayEntries(items: OverlayItem[]): CpioEntry[] {
  const entries: CpioEntry[] = [];
  const dirs = new Set<string>();
  const addParents = (guest: string) => {
    const parts = guest.split("/").filter((p) => p !== "");
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join("/");
      if (!dirs.has(d)) { dirs.add(d); entries.push({ name: d, mode: 0o040755, data: Buffer.alloc(0) }); }
    }
  };
  const addHost = (host: string, guest: string) => {
    const st = fs.lstatSync(host);
    const name = guest.replace(/^\/+/, "");
    if (st.isSymbolicLink()) {
      entries.push({ name, mode: 0o120777, data: Buffer.from(fs.readlinkSync(host), "latin1") });
    } else if (st.isDirectory()) {
      if (name !== "" && !dirs.has(name)) { dirs.add(name); entries.push({ name, mode: 0o040755, data: Buffer.alloc(0) }); }
      for (const child of fs.readdirSync(host).sort()) addHost(path.join(host, child), `${name}/${child}`);
    } else if (st.isFile()) {
      entries.push({ name, mode: 0o100000 | (st.mode & 0o7777), data: fs.readFileSync(host) });
    } else {
      throw new Error(`${host}: only files, directories and symbolic links can be added`);
    }
  };
  for (const item of items) {
    addParents(item.guest);
    if ("host" in item) {
      if (!fs.existsSync(item.host)) throw new Error(`${item.host}: no such file or directory`);
      addHost(item.host, item.guest);
    } else if ("data" in item) {
      entries.push({ name: item.guest.replace(/^\/+/, ""), mode: 0o100000 | item.mode, data: item.data });
    } else {
      entries.push({ name: item.guest.replace(/^\/+/, ""), mode: 0o120777, data: Buffer.from(item.symlinkTo, "latin1") });
    }
  }
  return entries;
}

/** Writes `base` followed by an archive of `items` to `out`; returns `out`. */
export function writeOverlaidInitramfs(base: string, items: OverlayItem[], out: string): string {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, Buffer.concat([fs.readFileSync(base), writeCpio(overlayEntries(items))]));
  return out;
}

/** Parses `host:guest` (guest defaults to /host-basename). */
export function parseAdd(spec: string): OverlayItem {
  const colon = spec.lastIndexOf(":");
  const host = colon > 0 ? spec.slice(0, colon) : spec;
  const guest = colon > 0 ? spec.slice(colon + 1) : `/${path.basename(host)}`;
  if (!guest.startsWith("/")) throw new Error(`--add ${spec}: the guest path must be absolute`);
  return { host: path.resolve(host), guest };
}
