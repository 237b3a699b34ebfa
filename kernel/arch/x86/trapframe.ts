/**
 * The register frame isr.S pushes on every interrupt and exception, lowest address first.
 * Handlers may change it (for example advance `eip`) to alter where the CPU resumes.
 */
/** @size 68 */
export class TrapFrame {
  gs: u32 = 0;
  fs: u32 = 0;
  es: u32 = 0;
  ds: u32 = 0;
  edi: u32 = 0;
  esi: u32 = 0;
  ebp: u32 = 0;
  espAtEntry: u32 = 0;
  ebx: u32 = 0;
  edx: u32 = 0;
  ecx: u32 = 0;
  eax: u32 = 0;
  vector: u32 = 0;
  errorCode: u32 = 0;
  eip: u32 = 0;
  cs: u32 = 0;
  eflags: u32 = 0;
}
