// Recursive string algorithms: reversal, palindromes, permutations count, and balanced parentheses.
function rev(s: string): string { return s.length <= 1 ? s : rev(s.slice(1)) + s.charAt(0); }
function isPal(s: string): boolean { return s.length < 2 || (s.charAt(0) === s.charAt(s.length - 1) && isPal(s.slice(1, -1))); }
function perms(prefix: string, rest: string, out: string[]): void {
  if (rest.length === 0) { out.push(prefix); return; }
  for (let i = 0; i < rest.length; i++) perms(prefix + rest.charAt(i), rest.slice(0, i) + rest.slice(i + 1), out);
}
function balanced(n: i32, open: i32, close: i32, s: string, out: string[]): void {
  if (s.length === 2 * n) { out.push(s); return; }
  if (open < n) balanced(n, open + 1, close, s + "(", out);
  if (close < open) balanced(n, open, close + 1, s + ")", out);
}
const p: string[] = [];
perms("", "abcd", p);
const b: string[] = [];
balanced(3, 0, 0, "", b);
console.log(rev("kernel"), isPal("racecar"), isPal("kernel"), p.length, p[0], p[23], b.join(" "));
