// trap: dispose of an object or array that was already disposed
// line: 7
class Node2 { next: Node2 | null = null; v: u32 = 1; }
function churn(): void {
  const n = new Node2();
  dispose(n);
  dispose(n);
}
churn();
