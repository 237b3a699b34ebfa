// Interfaces whose methods take and return class instances and strings.
class Msg { constructor(readonly body: string, readonly prio: u8) {} }
interface Channel { send(m: Msg): boolean; recv(): Msg | null; label(): string; }
class Mailbox implements Channel {
  q: Msg[] = [];
  send(m: Msg): boolean { if (this.q.length >= 2) return false; this.q.push(m); return true; }
  recv(): Msg | null { if (this.q.length === 0) return null; const m = this.q[0]; this.q = this.q.slice(1); return m; }
  label(): string { return `mailbox(${this.q.length})`; }
}
const ch: Channel = new Mailbox();
console.log(ch.send(new Msg("a", 1)), ch.send(new Msg("b", 200)), ch.send(new Msg("c", 3)), ch.label());
const first = ch.recv();
console.log(first!.body, first!.prio, ch.recv()!.prio, ch.recv() === null, ch.label());
