// trap: null reference
// line: 9
class Node { constructor(readonly v: i32) {} }
function find(ok: boolean): Node | null {
  return ok ? new Node(1) : null;
}
console.log(find(true)!.v);
const n = find(false);
console.log(n!.v);
