// trap: dispose of an object or array that was already disposed
// line: 7
function churn(n: u32): void {
  const s = `run ${n}`;
  console.log(s);
  dispose(s);
  dispose(s);
}
churn(3);
