/** A register bytecode VM (switch dispatch) running a 7-instruction loop 3 M times. */
const enum Op { Li = 0, Add = 1, Mul = 2, Xor = 3, Shr = 4, Dec = 5, Jnz = 6, Halt = 7 }

function run(code: i32[], regs: i32[]): i32 {
  let pc = 0;
  let steps = 0;
  for (;;) {
    const op = code[pc], a = code[pc + 1], b = code[pc + 2], c = code[pc + 3];
    pc += 4;
    steps++;
    switch (op) {
      case Op.Li: regs[a] = b; break;
      case Op.Add: regs[a] = (regs[b] + regs[c]) | 0; break;
      case Op.Mul: regs[a] = Math.imul(regs[b], regs[c]); break;
      case Op.Xor: regs[a] = regs[b] ^ regs[c]; break;
      case Op.Shr: regs[a] = i32(regs[b] >>> c); break;
      case Op.Dec: regs[a] = (regs[a] - 1) | 0; break;
      case Op.Jnz: if (regs[a] !== 0) pc = b * 4; break;
      case Op.Halt: return steps;
      default: return -1;
    }
  }
}

function main(): void {
  const code: i32[] = [
    Op.Li, 0, 0, 0,
    Op.Li, 1, 3000000, 0,
    Op.Li, 2, -1640531535, 0,
    Op.Li, 3, 7, 0,
    Op.Mul, 4, 1, 2, // loop:
    Op.Xor, 0, 0, 4,
    Op.Shr, 5, 0, 13,
    Op.Add, 0, 0, 5,
    Op.Add, 0, 0, 3,
    Op.Dec, 1, 0, 0,
    Op.Jnz, 1, 4, 0,
    Op.Halt, 0, 0, 0,
  ];
  const regs = new Array<i32>(8).fill(0);
  const steps = run(code, regs);
  console.log((u32(regs[0]) ^ u32(steps)) >>> 0);
}

main();
