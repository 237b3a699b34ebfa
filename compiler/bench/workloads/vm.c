/* A register bytecode VM (switch dispatch) running a 7-instruction loop 3 M times. */
#include "bench.h"

enum { LI, ADD, MUL, XOR, SHR, DEC, JNZ, HALT };

static int32_t run(const int32_t *code, int32_t *regs) {
  int32_t pc = 0, steps = 0;
  for (;;) {
    int32_t op = code[pc], a = code[pc + 1], b = code[pc + 2], c = code[pc + 3];
    pc += 4;
    steps++;
    switch (op) {
      case LI: regs[a] = b; break;
      case ADD: regs[a] = regs[b] + regs[c]; break;
      case MUL: regs[a] = regs[b] * regs[c]; break;
      case XOR: regs[a] = regs[b] ^ regs[c]; break;
      case SHR: regs[a] = (int32_t)((uint32_t)regs[b] >> (c & 31)); break;
      case DEC: regs[a] = regs[a] - 1; break;
      case JNZ: if (regs[a] != 0) pc = b * 4; break;
      case HALT: return steps;
      default: return -1;
    }
  }
}

static const int32_t code[] = {
  LI, 0, 0, 0,
  LI, 1, 3000000, 0,
  LI, 2, -1640531535, 0,
  LI, 3, 7, 0,
  MUL, 4, 1, 2, /* loop: */
  XOR, 0, 0, 4,
  SHR, 5, 0, 13,
  ADD, 0, 0, 5,
  ADD, 0, 0, 3,
  DEC, 1, 0, 0,
  JNZ, 1, 4, 0,
  HALT, 0, 0, 0,
};

void ostc_program_init(void) {
  int32_t regs[8] = {0};
  int32_t steps = run(code, regs);
  bench_print_u32((uint32_t)regs[0] ^ (uint32_t)steps);
}
