// A TCP-like connection state machine driven by an event script, with enum names for tracing.
enum State { Closed, Listen, SynReceived, Established, FinWait, Closing, TimeWait }
enum Ev { Open, Syn, Ack, Close, Fin, Timeout }
function step(s: State, e: Ev): State {
  switch (s) {
    case State.Closed: return e === Ev.Open ? State.Listen : s;
    case State.Listen: return e === Ev.Syn ? State.SynReceived : e === Ev.Close ? State.Closed : s;
    case State.SynReceived: return e === Ev.Ack ? State.Established : s;
    case State.Established:
      if (e === Ev.Close) return State.FinWait;
      if (e === Ev.Fin) return State.Closing;
      return s;
    case State.FinWait:
    case State.Closing:
      return e === Ev.Ack || e === Ev.Fin ? State.TimeWait : s;
    case State.TimeWait: return e === Ev.Timeout ? State.Closed : s;
  }
  return s;
}
const script: Ev[] = [Ev.Open, Ev.Ack, Ev.Syn, Ev.Ack, Ev.Syn, Ev.Close, Ev.Ack, Ev.Timeout, Ev.Open, Ev.Close];
let s = State.Closed;
const trace: string[] = [State[s]];
for (const e of script) { s = step(s, e); trace.push(`${Ev[e]}>${State[s]}`); }
console.log(trace.join(" "));
