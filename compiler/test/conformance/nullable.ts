// Nullable references, `!`, `??`, null checks, linked structures.
class Node {
  next: Node | null = null;
  constructor(readonly value: i32) {}
}
function build(n: i32): Node | null {
  let head: Node | null = null;
  for (let i = n; i > 0; i--) {
    const node = new Node(i);
    node.next = head;
    head = node;
  }
  return head;
}
function sum(list: Node | null): i32 {
  let s = 0;
  for (let p = list; p !== null; p = p.next) s += p.value;
  return s;
}
const list = build(5);
console.log(sum(list), list!.value, list!.next!.value, sum(null));
let name: string | null = null;
console.log(name ?? "anonymous", name === null);
name = "ada";
console.log(name ?? "anonymous", name!.length, name !== null);
const fallback: Node = list!.next ?? new Node(-1);
console.log(fallback.value);
function find(head: Node | null, v: i32): Node | null {
  while (head) { if (head.value === v) return head; head = head.next; }
  return null;
}
console.log(find(list, 3)!.value, find(list, 9) === null);
