// A FIFO queue from two stacks (amortised O(1)), interleaving operations.
class Queue2 {
  inbox: i32[] = [];
  outbox: i32[] = [];
  push(v: i32): void { this.inbox.push(v); }
  pop(): i32 {
    if (this.outbox.length === 0) while (this.inbox.length > 0) this.outbox.push(this.inbox.pop()!);
    return this.outbox.pop()!;
  }
  size(): i32 { return this.inbox.length + this.outbox.length; }
}
const q = new Queue2();
let out = "";
for (let i = 1; i <= 10; i++) { q.push(i); if (i % 3 === 0) out += `${q.pop()} `; }
while (q.size() > 0) out += `${q.pop()} `;
console.log(out.trim());
