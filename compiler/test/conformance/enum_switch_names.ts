// Enums used as array indices, in switch fallthrough, and their names in strings.
enum Sig { HUP = 1, INT = 2, QUIT = 3, KILL = 9, TERM = 15, CHLD = 17 }
function action(s: Sig): string {
  switch (s) {
    case Sig.CHLD: return "ignore";
    case Sig.KILL:
    case Sig.TERM:
    case Sig.INT: return "terminate";
    default: return "core";
  }
}
const counts = new Array<i32>(32).fill(0);
const sigs: Sig[] = [Sig.INT, Sig.KILL, Sig.CHLD, Sig.INT, Sig.QUIT, Sig.HUP];
for (const s of sigs) counts[s]++;
for (const s of sigs) console.log(`SIG${Sig[s]}=${s} ${action(s)} x${counts[s]}`);
