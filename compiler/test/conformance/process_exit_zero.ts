// process.exit() with no code exits 0 from inside a loop and a method.
class Runner {
  run(limit: i32): void {
    for (let i = 0; ; i++) {
      if (i === limit) { console.log("done at", i); process.exit(); }
    }
  }
}
new Runner().run(5);
console.log("never");
