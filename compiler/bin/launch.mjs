// Runs one of the repository's TypeScript programs (ostc's command line, the build tools) as
// JavaScript: `node compiler/bin/launch.mjs <entry.ts> [args…]`, or launch() from a script.
//
// esbuild bundles the entry with everything of this repository it imports (packages stay
// imports) into one module, kept in node_modules/.cache/ostc/launch with the SHA-256 of every
// source it was made from. A later run checks those (a few milliseconds) and imports the bundle;
// when a source changed it bundles again (about 0.1 s). Against loading the sources through tsx
// (`node --import tsx`: a loader thread, and a transform per module on a cold cache) this saves
// 0.3-0.45 s of start-up, most of it before the first useful work of a build.
//
// Each module keeps its own location: `import.meta.url` in a source is replaced by that source's
// URL, so paths computed from it (the compiler's runtime and prelude, the repository root, the
// tool runner's helper) are what they are when the source runs. `.cjs` and `.mjs` files stay
// separate modules, imported by absolute path. Stack traces name the TypeScript sources (a
// source map beside the bundle, with Node's source-map support turned on).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const CACHE_DIR = path.join(path.dirname(require.resolve("typescript/package.json")), "..", ".cache", "ostc", "launch");

function sha256(data) {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** What a bundle depends on besides its sources: this file (how it bundles) and esbuild. */
function bundlerId() {
  return sha256(fs.readFileSync(fileURLToPath(import.meta.url)) + require("esbuild/package.json").version);
}

/** Whether the bundle was made by this bundler from sources that are all unchanged. */
function upToDate(bundle, bundler) {
  try {
    const manifest = JSON.parse(fs.readFileSync(`${bundle}.json`, "utf8"));
    return manifest.bundler === bundler && Object.entries(manifest.inputs).every(([file, hash]) => sha256(fs.readFileSync(path.join(REPO_ROOT, file))) === hash);
  } catch {
    return false; // no manifest yet, or a source is gone
  }
}

/** esbuild plugin: each TypeScript source keeps its own import.meta.url; .cjs/.mjs stay files. */
const keepLocations = {
  name: "ostc-keep-locations",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, "utf8");
      return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
    build.onResolve({ filter: /\.(cjs|mjs)$/ }, (args) => (args.path.startsWith(".") ? { path: path.resolve(args.resolveDir, args.path), external: true } : undefined));
  },
};

/** Bundles `entry` to `bundle` (written whole or not at all: other processes may be reading it). */
async function makeBundle(entry, bundle, bundler) {
  const esbuild = await import("esbuild");
  const tmp = `${bundle}.${process.pid}.${crypto.randomUUID()}.tmp`;
  const result = await esbuild.build({
    entryPoints: [entry], absWorkingDir: REPO_ROOT, bundle: true, platform: "node", format: "esm", target: "node20",
    packages: "external", plugins: [keepLocations], outfile: `${tmp}.mjs`, sourcemap: "linked", sourcesContent: false,
    metafile: true, logLevel: "error",
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = sha256(fs.readFileSync(path.join(REPO_ROOT, file)));
  // The map is named in the bundle by its temporary name; it is renamed with the bundle.
  const code = fs.readFileSync(`${tmp}.mjs`, "utf8").replace(/\/\/# sourceMappingURL=.*\s*$/, `//# sourceMappingURL=${path.basename(bundle)}.map\n`);
  fs.writeFileSync(`${tmp}.mjs`, code);
  fs.writeFileSync(`${tmp}.json`, JSON.stringify({ bundler, inputs }));
  fs.renameSync(`${tmp}.mjs.map`, `${bundle}.map`);
  fs.renameSync(`${tmp}.mjs`, bundle);
  fs.renameSync(`${tmp}.json`, `${bundle}.json`); // last: it vouches for the bundle
}

/**
 * Runs the TypeScript module `entry` (a path; relative ones from the repository root) with `args`
 * as its command-line arguments (process.argv[2…]).
 */
export async function launch(entry, args) {
  const file = path.resolve(REPO_ROOT, entry);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Named after the checkout too: the bundle holds its absolute paths, and checkouts can share
  // node_modules (git worktrees with a linked node_modules).
  const bundle = path.join(CACHE_DIR, `${path.relative(REPO_ROOT, file).replace(/[\\/]/g, "_").replace(/\.ts$/, "")}-${sha256(REPO_ROOT).slice(0, 12)}.mjs`);
  const bundler = bundlerId();
  if (!upToDate(bundle, bundler)) await makeBundle(file, bundle, bundler);
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0], file, ...args];
  await import(pathToFileURL(bundle).href);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write("usage: node compiler/bin/launch.mjs <entry.ts> [args...]\n");
    process.exit(2);
  }
  await launch(entry, args);
}
