// Getters and setters inherited and overridden; a setter that validates; getter-only properties.
class Account {
  protected cents: i64 = 0n;
  get balance(): i64 { return this.cents; }
  set balance(v: i64) { this.cents = v < 0n ? 0n : v; }
  get kind(): string { return "basic"; }
}
class Savings extends Account {
  get kind(): string { return "savings"; }
  addInterest(pct: i64): void { this.balance = this.balance + this.balance * pct / 100n; }
}
const accts: Account[] = [new Account(), new Savings()];
for (const a of accts) { a.balance = 1000n; a.balance = a.balance - 250n; }
(accts[1] as Savings).addInterest(10n);
accts[0].balance = -5n;
for (const a of accts) console.log(a.kind, a.balance);
