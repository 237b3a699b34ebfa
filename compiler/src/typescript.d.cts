// Types of typescript.cjs: the TypeScript compiler API.
import ts = require("typescript");
export = ts;
