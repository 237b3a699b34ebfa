// The TypeScript compiler API, loaded with require(). An ES module import of typescript.js
// (9 MB of CommonJS) first has Node.js scan the whole file for its export names (0.4-0.5 s of
// CPU per process); this file's only export is module.exports, which needs no scan.
const ts = require("typescript");
module.exports = ts;
