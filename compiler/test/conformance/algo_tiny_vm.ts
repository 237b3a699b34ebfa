// A tiny stack VM with a bytecode program: loops, calls, and a u32 accumulator.
enum Op { Push, Add, Sub, Mul, Dup, Swap, Jz, Jmp, Print, Halt, Dec, Over }
function run(code: i32[]): string {
  const stack: i32[] = [];
  let pc = 0, out = "", steps = 0;
  while (pc < code.length) {
    const op: Op = code[pc++];
    steps++;
    switch (op) {
      case Op.Push: stack.push(code[pc++]); break;
      case Op.Add: { const b = stack.pop()!, a = stack.pop()!; stack.push(a + b); break; }
      case Op.Sub: { const b = stack.pop()!, a = stack.pop()!; stack.push(a - b); break; }
      case Op.Mul: { const b = stack.pop()!, a = stack.pop()!; stack.push(a * b); break; }
      case Op.Dup: stack.push(stack[stack.length - 1]); break;
      case Op.Over: stack.push(stack[stack.length - 2]); break;
      case Op.Swap: { const b = stack.pop()!, a = stack.pop()!; stack.push(b); stack.push(a); break; }
      case Op.Dec: stack.push(stack.pop()! - 1); break;
      case Op.Jz: { const t = code[pc++]; if (stack.pop()! === 0) pc = t; break; }
      case Op.Jmp: pc = code[pc]; break;
      case Op.Print: out += `${stack[stack.length - 1]} `; break;
      case Op.Halt: return `${out}| steps=${steps} depth=${stack.length}`;
    }
  }
  return out;
}
console.log(run([Op.Push, 6, Op.Push, 7, Op.Mul, Op.Print, Op.Push, 2, Op.Sub, Op.Print, Op.Halt]), Op[Op.Over]);
// Count down from 5, printing each value: n -> loop { print; n--; if n == 0 halt }
console.log(run([Op.Push, 5, Op.Print, Op.Dec, Op.Dup, Op.Jz, 9, Op.Jmp, 2, Op.Push, 100, Op.Print, Op.Halt]));
// Sum 1..100 with acc on the stack: acc n -> acc+n n-1
const sum: i32[] = [Op.Push, 0, Op.Push, 100, Op.Dup, Op.Jz, 16, Op.Swap, Op.Over, Op.Add, Op.Swap, Op.Dec, Op.Jmp, 4, Op.Halt, Op.Halt, Op.Swap, Op.Print, Op.Halt];
console.log(run(sum));
