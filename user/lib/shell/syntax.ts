/**
 * The shell's grammar: a command line becomes tokens (words with their quoting resolved, and
 * operators), then a list of and-or lists of pipelines of simple commands. Parameters (`$?`,
 * `$NAME`) stay unexpanded in the words, because `false; echo $?` must see the status of a
 * command that runs after the line was parsed.
 *
 *   list     := and_or ((';' | '&') and_or)* [';' | '&']
 *   and_or   := pipeline (('&&' | '||') pipeline)*
 *   pipeline := command ('|' command)*
 *   command  := (word | redirection)+        redirection := [N] ('<' | '>' | '>>' | '>&') word
 */

/** A piece of a word: literal text, or a parameter to expand (`?`, `$`, `!`, `#`, `0`…`9`, or a name). */
export class WordPart {
  constructor(readonly text: string, readonly isParam: boolean, readonly quoted: boolean) {}
}

/** A word as written, before expansion. */
export class Word {
  readonly parts: WordPart[] = [];

  /** Appends literal text, merging it with a preceding literal of the same quoting. */
  addText(text: string, quoted: boolean): void {
    const n = this.parts.length;
    if (n > 0 && !this.parts[n - 1].isParam && this.parts[n - 1].quoted === quoted) {
      this.parts[n - 1] = new WordPart(this.parts[n - 1].text + text, false, quoted);
    } else {
      this.parts.push(new WordPart(text, false, quoted));
    }
  }

  /** The name of a `NAME=value` assignment word, or "" if this word is not one. */
  assignmentName(): string {
    if (this.parts.length === 0 || this.parts[0].isParam || this.parts[0].quoted) return "";
    const t = this.parts[0].text;
    const eq = t.indexOf("=");
    return eq > 0 && isName(t.slice(0, eq)) ? t.slice(0, eq) : "";
  }
}

/** Whether `s` is a valid variable name. */
export function isName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** A redirection of descriptor `fd`: op is "<", ">", ">>" or ">&" (duplicate the target descriptor). */
export class Redirection {
  constructor(readonly fd: i32, readonly op: string, readonly target: Word) {}
}

/** A simple command: its words (assignments first) and redirections in order. */
export class Command {
  readonly words: Word[] = [];
  readonly redirections: Redirection[] = [];
}

/** Commands connected by pipes. */
export class Pipeline {
  readonly commands: Command[] = [];
}

/** Pipelines joined by `&&`/`||` (ops[i] joins pipelines i and i+1), possibly run in the background. */
export class AndOr {
  readonly pipelines: Pipeline[] = [];
  readonly ops: string[] = [];
  background: boolean = false;
}

/** The result of parsing a line: the lists to run, or an error message. */
export class ParseResult {
  constructor(readonly lists: AndOr[], readonly error: string) {}
}

/** A token: a word, or an operator (`word` null) with an optional descriptor number (-1 when absent). */
class Token {
  constructor(readonly word: Word | null, readonly op: string, readonly fd: i32) {}
}

const OPERATORS: string[] = ["&&", "||", ">>", ">&", "|", "&", ";", "<", ">"];

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

/** Reads a parameter after `$` at s[i]; returns the index after it, pushing the part (or a literal `$`). */
function readParam(s: string, i: i32, w: Word, quoted: boolean): i32 {
  if (i < s.length && (s[i] === "?" || s[i] === "$" || s[i] === "!" || s[i] === "#" || isDigit(s[i]))) {
    w.parts.push(new WordPart(s[i], true, quoted));
    return i + 1;
  }
  if (i < s.length && s[i] === "{") {
    const close = s.indexOf("}", i);
    if (close > i + 1 && (isName(s.slice(i + 1, close)) || s.slice(i + 1, close) === "?")) {
      w.parts.push(new WordPart(s.slice(i + 1, close), true, quoted));
      return close + 1;
    }
  }
  let j = i;
  while (j < s.length && isName(s.slice(i, j + 1))) j++;
  if (j === i) { w.addText("$", quoted); return i; }
  w.parts.push(new WordPart(s.slice(i, j), true, quoted));
  return j;
}

/** Splits a line into tokens; the error is "" on success. */
class Lexer {
  readonly tokens: Token[] = [];
  error: string = "";

  constructor(readonly s: string) {
    this.run();
  }

  private run(): void {
    const s = this.s;
    let i = 0;
    let w: Word | null = null;
    while (i < s.length) {
      const ch = s[i];
      if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
        if (w !== null) { this.tokens.push(new Token(w, "", -1)); w = null; }
        i++;
        continue;
      }
      if (ch === "#" && w === null) break;
      // A descriptor number directly before a redirection operator: 2>file, 2>>file, 2>&1, 0<file.
      if (w === null && isDigit(ch) && i + 1 < s.length && (s[i + 1] === ">" || s[i + 1] === "<")) {
        const op = this.operatorAt(i + 1);
        this.tokens.push(new Token(null, op, ch.charCodeAt(0) - 48));
        i += 1 + op.length;
        continue;
      }
      const op = this.operatorAt(i);
      if (op !== "") {
        if (w !== null) { this.tokens.push(new Token(w, "", -1)); w = null; }
        this.tokens.push(new Token(null, op, -1));
        i += op.length;
        continue;
      }
      if (w === null) w = new Word();
      if (ch === "'") {
        const close = s.indexOf("'", i + 1);
        if (close < 0) { this.error = "unterminated quoted string"; return; }
        w.addText(s.slice(i + 1, close), true);
        i = close + 1;
      } else if (ch === "\"") {
        i = this.doubleQuoted(i + 1, w);
        if (i < 0) { this.error = "unterminated quoted string"; return; }
      } else if (ch === "\\") {
        if (i + 1 < s.length) w.addText(s[i + 1], true);
        i += 2;
      } else if (ch === "$") {
        i = readParam(s, i + 1, w, false);
      } else {
        w.addText(ch, false);
        i++;
      }
    }
    if (w !== null) this.tokens.push(new Token(w, "", -1));
  }

  /** The operator starting at s[i], or "". */
  private operatorAt(i: i32): string {
    for (const op of OPERATORS) if (this.s.slice(i, i + op.length) === op) return op;
    return "";
  }

  /** Reads a double-quoted string starting after its opening quote; returns the index after the closing quote or -1. */
  private doubleQuoted(start: i32, w: Word): i32 {
    const s = this.s;
    let i = start;
    // An empty "" still makes a (empty) word.
    w.addText("", true);
    while (i < s.length) {
      const ch = s[i];
      if (ch === "\"") return i + 1;
      if (ch === "\\" && i + 1 < s.length && (s[i + 1] === "$" || s[i + 1] === "\"" || s[i + 1] === "\\" || s[i + 1] === "`")) {
        w.addText(s[i + 1], true);
        i += 2;
      } else if (ch === "$") {
        i = readParam(s, i + 1, w, true);
      } else {
        w.addText(ch, true);
        i++;
      }
    }
    return -1;
  }
}

/** Parses a command line. */
export function parseLine(line: string): ParseResult {
  const lexer = new Lexer(line);
  const lists: AndOr[] = [];
  if (lexer.error !== "") return new ParseResult(lists, lexer.error);
  const toks = lexer.tokens;
  let i = 0;
  let andOr = new AndOr();
  let pipeline = new Pipeline();
  let command = new Command();
  while (i < toks.length) {
    const t = toks[i];
    if (t.word !== null) { command.words.push(t.word); i++; continue; }
    const op = t.op;
    if (op === "<" || op === ">" || op === ">>" || op === ">&") {
      const target = i + 1 < toks.length ? toks[i + 1].word : null;
      if (target === null) return new ParseResult(lists, `syntax error near unexpected token '${i + 1 < toks.length ? toks[i + 1].op : "newline"}'`);
      command.redirections.push(new Redirection(t.fd >= 0 ? t.fd : op === "<" ? 0 : 1, op, target));
      i += 2;
      continue;
    }
    if (command.words.length === 0 && command.redirections.length === 0) return new ParseResult(lists, `syntax error near unexpected token '${op}'`);
    pipeline.commands.push(command);
    command = new Command();
    if (op === "|") { i++; continue; }
    andOr.pipelines.push(pipeline);
    pipeline = new Pipeline();
    if (op === "&&" || op === "||") { andOr.ops.push(op); i++; continue; }
    andOr.background = op === "&";
    lists.push(andOr);
    andOr = new AndOr();
    i++;
  }
  if (command.words.length > 0 || command.redirections.length > 0) {
    pipeline.commands.push(command);
    andOr.pipelines.push(pipeline);
    lists.push(andOr);
  } else if (pipeline.commands.length > 0 || andOr.pipelines.length > 0) {
    return new ParseResult(lists, "syntax error: unexpected end of line");
  }
  return new ParseResult(lists, "");
}
