/**
 * Debian packages as test and benchmark inputs: fetches a binary package for an architecture
 * straight from Debian's archive (the Packages index of the host's release, then the pool file,
 * checked against the index's SHA-256), unpacks it with dpkg-deb, and caches the result under
 * `.cache/debian/` — never committed, downloaded again only when missing.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "./build/kernel-link.js";

const MIRROR = "http://deb.debian.org/debian";
const CACHE = path.join(REPO_ROOT, ".cache", "debian");

/** The release to take packages from: the host's (VERSION_CODENAME), else bookworm. */
function release(): string {
  try {
    const m = /^VERSION_CODENAME=(\S+)$/m.exec(fs.readFileSync("/etc/os-release", "utf8"));
    if (m !== null && m[1] !== "") return m[1]!;
  } catch { /* not Debian-like: use the default */ }
  return "bookworm";
}

async function download(url: string): Promise<Buffer> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return Buffer.from(await r.arrayBuffer());
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`cannot download ${url}: ${(lastError as Error).message}`);
}

/**
 * The index stanza of `pkg` in `dists/<release>/main/binary-<arch>/Packages.xz` (fields by name:
 * Version, Depends, Filename, SHA256, …). The index is cached; `refresh` downloads it again.
 */
export async function debianIndexEntry(pkg: string, arch: string, refresh = false): Promise<Map<string, string>> {
  const dir = path.join(CACHE, arch);
  fs.mkdirSync(dir, { recursive: true });
  const index = path.join(dir, `Packages-${release()}`);
  if (refresh || !fs.existsSync(index)) {
    const xz = await download(`${MIRROR}/dists/${release()}/main/binary-${arch}/Packages.xz`);
    fs.writeFileSync(`${index}.tmp`, execFileSync("xz", ["-dc"], { input: xz, maxBuffer: 1 << 30 }));
    fs.renameSync(`${index}.tmp`, index);
  }
  for (const block of fs.readFileSync(index, "utf8").split("\n\n")) {
    if (!block.startsWith(`Package: ${pkg}\n`)) continue;
    const fields = new Map<string, string>();
    for (const line of block.split("\n")) {
      const colon = line.indexOf(": ");
      if (colon > 0 && !line.startsWith(" ")) fields.set(line.slice(0, colon), line.slice(colon + 2));
    }
    return fields;
  }
  throw new Error(`Debian ${release()} has no package ${pkg} for ${arch}`);
}

/**
 * The unpacked tree of Debian package `pkg` for `arch` (downloading and verifying it on first
 * use); returns the directory that holds the package's files.
 */
export function debianPackage(pkg: string, arch: string): Promise<string> {
  // Concurrent builds in one process share one download and unpack (two gcc runs once read a
  // package's headers while another call was unpacking it again).
  const key = `${arch}/${pkg}`;
  let p = inFlight.get(key);
  if (p === undefined) {
    p = fetchPackage(pkg, arch);
    inFlight.set(key, p);
    p.catch(() => inFlight.delete(key));
  }
  return p;
}

const inFlight = new Map<string, Promise<string>>();

async function fetchPackage(pkg: string, arch: string): Promise<string> {
  const root = path.join(CACHE, arch, pkg);
  const done = path.join(root, ".unpacked");
  if (fs.existsSync(done)) return root;
  const fetchDeb = async (fields: Map<string, string>): Promise<{ deb: Buffer; file: string; sha: string; fields: Map<string, string> }> => {
    const file = fields.get("Filename"), sha = fields.get("SHA256");
    if (file === undefined || sha === undefined) throw new Error(`the index entry of ${pkg} lacks Filename or SHA256`);
    return { deb: await download(`${MIRROR}/${file}`), file, sha, fields };
  };
  // A cached index outlives the pool files it names (kernels are replaced at point releases):
  // when its file is gone, read a fresh index once.
  const { deb, file, sha, fields } = await fetchDeb(await debianIndexEntry(pkg, arch))
    .catch(async () => fetchDeb(await debianIndexEntry(pkg, arch, true)));
  const got = crypto.createHash("sha256").update(deb).digest("hex");
  if (got !== sha) throw new Error(`${file}: SHA-256 ${got}, the index says ${sha}`);
  // Unpacked beside its place and renamed into it, so another process never sees half a package.
  const tmp = `${root}.${process.pid}.${crypto.randomUUID()}.tmp`;
  fs.mkdirSync(tmp, { recursive: true });
  const debPath = `${tmp}.deb`;
  fs.writeFileSync(debPath, deb);
  execFileSync("dpkg-deb", ["-x", debPath, tmp]);
  fs.rmSync(debPath, { force: true });
  fs.writeFileSync(path.join(tmp, ".unpacked"), `${fields.get("Version") ?? ""}\n`);
  if (fs.existsSync(done)) { // another process got there first
    fs.rmSync(tmp, { recursive: true, force: true });
    return root;
  }
  fs.rmSync(root, { recursive: true, force: true }); // a partial unpack from an interrupted run
  fs.renameSync(tmp, root);
  return root;
}

/** Debian's static busybox for i386: the path of the binary on this machine. */
export async function busyboxStatic(): Promise<string> {
  return path.join(await debianPackage("busybox-static", "i386"), "bin", "busybox");
}
