// The TypeScript compiler API, loaded with require() and a V8 code cache.
//
// An ES module import of typescript.js (9 MB of CommonJS) first has Node.js scan the whole file
// for its export names (0.4-0.5 s of CPU per process); this file's only export is
// module.exports, which needs no scan. And typescript.js is compiled from the bytecode that an
// earlier process left in node_modules/.cache/ostc (V8's code cache, made at exit: it holds the
// functions that process compiled, so tsc's lazily compiled functions come from it too): 0.3-0.5 s
// less per process that runs tsc. V8 checks the cache against its version, flags and the source,
// and compiles from the source when it does not fit; the cache is then written again.
//
// V8 is also told to optimise later (an interrupt budget of 1 MiB instead of Node.js 20's 132 KiB):
// by default its optimising compiler spent as much CPU on tsc's functions, on background threads,
// as tsc itself did on the kernel's front end (2-3 s of 5-7 s), code that a run of a few seconds
// hardly repays. With the later tier-up the front end takes 4.0-4.5 s of CPU and no longer wall
// time, and a full OS build 15% less wall and CPU time (docs/performance.md, "Fourth round").
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const crypto = require("node:crypto");
const Module = require("node:module");
const v8 = require("node:v8");

function load() {
  v8.setFlagsFromString("--interrupt-budget=1048576");
  const file = require.resolve("typescript");
  const packageDir = path.dirname(require.resolve("typescript/package.json"));
  const { version } = require("typescript/package.json");
  const flags = crypto.createHash("sha256").update(process.execArgv.join("\0")).digest("hex").slice(0, 12);
  const cacheFile = path.join(packageDir, "..", ".cache", "ostc", `typescript-${version}-node${process.version}-${process.arch}-${flags}.v8`);
  let cached;
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData: cached });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = m; // a require("typescript") elsewhere gets this instance
  script.runInThisContext().call(m.exports, m.exports, (id) => m.require(id), m, file, path.dirname(file));
  m.loaded = true;
  if (cached === undefined || script.cachedDataRejected) {
    process.once("exit", () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile); // whole or not at all, for processes starting meanwhile
      } catch {
        // the cache is only an optimisation
      }
    });
  }
  return m.exports;
}

module.exports = require.cache[require.resolve("typescript")]?.exports ?? load();
