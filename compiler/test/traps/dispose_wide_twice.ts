// trap: dispose of an object or array that was already disposed
// line: 7
function churn(n: u32): void {
  const s = `\u65e5\u672c ${n}`;
  console.log(s.length);
  dispose(s);
  dispose(s);
}
churn(3);
