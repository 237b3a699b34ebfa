/**
 * Diagnostics in the form `file.ts:line:col: error: message`, followed by the source line,
 * a caret under the offending column and an optional hint — the way tsc and gcc print them.
 */
import ts from "./typescript.cjs";
import path from "node:path";

/** A compile error tied to a TypeScript source location. */
export class OstcError extends Error {
  constructor(readonly node: ts.Node | undefined, message: string, readonly hint?: string) {
    super(message);
  }
}

/** Throws an {@link OstcError}; the return type lets callers write `return fail(…)`. */
export function fail(node: ts.Node | undefined, message: string, hint?: string): never {
  throw new OstcError(node, message, hint);
}

/** `file:line:col` of a node, relative to the working directory. */
export function locationOf(node: ts.Node): { file: string; line: number; col: number } {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: displayPath(sf.fileName), line: line + 1, col: character + 1 };
}

/** Path as shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/** Renders an error with the source line and caret. */
export function formatError(err: OstcError): string {
  if (!err.node) return `ostc: error: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ""}`;
  const sf = err.node.getSourceFile();
  const start = err.node.getStart(sf);
  const { line, character } = sf.getLineAndCharacterOfPosition(start);
  const lineText = sf.text.split(/\r?\n/)[line] ?? "";
  const width = Math.max(1, Math.min(err.node.getEnd() - start, lineText.length - character));
  const loc = `${displayPath(sf.fileName)}:${line + 1}:${character + 1}`;
  let out = `${loc}: error: ${err.message}\n  ${lineText}\n  ${" ".repeat(character)}^${"~".repeat(width - 1)}`;
  if (err.hint) out += `\n  hint: ${err.hint}`;
  return out;
}

/** Formats tsc diagnostics exactly as `tsc --pretty false` prints them. */
export function formatTsDiagnostics(diags: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diags, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  }).replace(/\n$/, "");
}
