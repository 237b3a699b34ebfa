// A tokenizer and recursive-descent parser/evaluator for integer expressions with precedence.
enum Tok { Num, Plus, Minus, Star, Slash, Percent, LParen, RParen, End }
class Lexer {
  pos = 0;
  kind: Tok = Tok.End;
  value: i64 = 0n;
  constructor(readonly src: string) { this.next(); }
  next(): void {
    while (this.pos < this.src.length && this.src.charAt(this.pos) === " ") this.pos++;
    if (this.pos >= this.src.length) { this.kind = Tok.End; return; }
    const c = this.src.charCodeAt(this.pos);
    if (c >= 48 && c <= 57) {
      let v: i64 = 0n;
      while (this.pos < this.src.length && this.src.charCodeAt(this.pos) >= 48 && this.src.charCodeAt(this.pos) <= 57) {
        v = v * 10n + BigInt(this.src.charCodeAt(this.pos) - 48);
        this.pos++;
      }
      this.kind = Tok.Num; this.value = v; return;
    }
    this.pos++;
    switch (c) {
      case 43: this.kind = Tok.Plus; break;
      case 45: this.kind = Tok.Minus; break;
      case 42: this.kind = Tok.Star; break;
      case 47: this.kind = Tok.Slash; break;
      case 37: this.kind = Tok.Percent; break;
      case 40: this.kind = Tok.LParen; break;
      default: this.kind = Tok.RParen;
    }
  }
}
function primary(l: Lexer): i64 {
  if (l.kind === Tok.Minus) { l.next(); return -primary(l); }
  if (l.kind === Tok.LParen) { l.next(); const v = expr(l); l.next(); return v; }
  const v = l.value; l.next(); return v;
}
function term(l: Lexer): i64 {
  let v = primary(l);
  while (l.kind === Tok.Star || l.kind === Tok.Slash || l.kind === Tok.Percent) {
    const op = l.kind; l.next();
    const r = primary(l);
    v = op === Tok.Star ? v * r : op === Tok.Slash ? v / r : v % r;
  }
  return v;
}
function expr(l: Lexer): i64 {
  let v = term(l);
  while (l.kind === Tok.Plus || l.kind === Tok.Minus) {
    const op = l.kind; l.next();
    const r = term(l);
    v = op === Tok.Plus ? v + r : v - r;
  }
  return v;
}
const inputs = ["1 + 2 * 3", "(1 + 2) * 3", "-7 / 2", "100 % 7 - -3", "2 * (3 + 4) * (5 - 1) / 3", "123456789 * 987654321", "((((42))))"];
for (const s of inputs) console.log(`${s} = ${expr(new Lexer(s))}`, Tok[new Lexer(s).kind]);
