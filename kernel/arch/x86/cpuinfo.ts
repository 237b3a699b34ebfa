/**
 * The processor's identity from CPUID, as /proc/cpuinfo shows it: vendor, family, model and
 * stepping (with the extended fields folded in as Linux does), the brand string, the feature
 * words, and the names Linux gives their bits (arch/x86/include/asm/cpufeatures.h). Read once,
 * on first use.
 */

/** Feature words, in the order cpuinfoFlagNames() names them. */
export const enum FeatureWord { Std1Edx = 0, Std1Ecx = 1, Ext1Edx = 2, Ext1Ecx = 3, Std7Ebx = 4 }
const FEATURE_WORDS = 5;

/** What CPUID says about this processor. */
export class CpuIdentity {
  /** The 12-character vendor string ("GenuineIntel", "AuthenticAMD"). */
  vendor = "";
  /** The brand string, leading spaces removed; "" when the CPU has none. */
  brand = "";
  /** Highest standard leaf. */
  maxLeaf: u32 = 0;
  family: u32 = 0;
  model: u32 = 0;
  stepping: u32 = 0;
  /** CLFLUSH line size in bytes. */
  clflushBytes: u32 = 0;
  /** Physical and linear address widths (leaf 0x80000008, or Linux's 32-bit defaults). */
  physicalBits: u32 = 32;
  virtualBits: u32 = 32;
  /** The feature words, indexed by FeatureWord. */
  readonly features = new Array<u32>(FEATURE_WORDS).fill(0);
  read = false;
}
const identity = new CpuIdentity();
const regs = new Array<u32>(4).fill(0);

/** Appends the four little-endian characters of `w` (stopping at a NUL). */
function chars(s: string, w: u32): string {
  let out = s;
  for (let i = 0; i < 4; i++) {
    const c = (w >>> (i * 8)) & 0xff;
    if (c === 0) break;
    out += String.fromCharCode(c);
  }
  return out;
}

/** The processor's identity (CPUID is executed the first time only). */
export function cpuIdentity(): CpuIdentity {
  const id = identity;
  if (id.read) return id;
  id.read = true;
  cpuid(0, 0, regs);
  id.maxLeaf = regs[0];
  id.vendor = chars(chars(chars("", regs[1]), regs[3]), regs[2]);
  if (id.maxLeaf >= 1) {
    cpuid(1, 0, regs);
    const eax = regs[0];
    id.family = (eax >>> 8) & 0xf;
    if (id.family === 0xf) id.family += (eax >>> 20) & 0xff;
    id.model = (eax >>> 4) & 0xf;
    if (id.family >= 6) id.model += ((eax >>> 16) & 0xf) << 4;
    id.stepping = eax & 0xf;
    id.clflushBytes = ((regs[1] >>> 8) & 0xff) * 8;
    id.features[FeatureWord.Std1Edx] = regs[3];
    id.features[FeatureWord.Std1Ecx] = regs[2];
    if ((regs[3] & (1 << 6)) !== 0 || (regs[3] & (1 << 17)) !== 0) id.physicalBits = 36; // PAE or PSE-36
  }
  if (id.maxLeaf >= 7) {
    cpuid(7, 0, regs);
    id.features[FeatureWord.Std7Ebx] = regs[1];
  }
  cpuid(0x80000000, 0, regs);
  const maxExt = regs[0];
  if (maxExt >= 0x80000001 && maxExt <= 0x8000ffff) {
    cpuid(0x80000001, 0, regs);
    id.features[FeatureWord.Ext1Edx] = regs[3];
    id.features[FeatureWord.Ext1Ecx] = regs[2];
    if (maxExt >= 0x80000004) {
      let brand = "";
      for (let leaf: u32 = 0x80000002; leaf <= 0x80000004; leaf++) {
        cpuid(leaf, 0, regs);
        for (let r = 0; r < 4; r++) brand = chars(brand, regs[r]);
      }
      id.brand = brand.trim();
    }
    if (maxExt >= 0x80000008) {
      cpuid(0x80000008, 0, regs);
      id.physicalBits = regs[0] & 0xff;
      id.virtualBits = (regs[0] >>> 8) & 0xff;
    }
  }
  return id;
}

// Linux's names of the feature bits, by word ("" where Linux shows none).
const STD1_EDX: string[] = [
  "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", "", "sep", "mtrr", "pge", "mca", "cmov",
  "pat", "pse36", "pn", "clflush", "", "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
];
const STD1_ECX: string[] = [
  "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm",
  "", "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", "", "avx", "f16c", "rdrand", "hypervisor",
];
const EXT1_EDX: string[] = [
  "", "", "", "", "", "", "", "", "", "", "", "syscall", "", "", "", "",
  "", "", "", "mp", "nx", "", "mmxext", "", "", "fxsr_opt", "pdpe1gb", "rdtscp", "", "lm", "3dnowext", "3dnow",
];
const EXT1_ECX: string[] = [
  "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", "", "lwp",
  "fma4", "tce", "", "nodeid_msr", "", "tbm", "topoext", "perfctr_core", "perfctr_nb", "", "bpext", "ptsc", "perfctr_llc", "mwaitx", "", "",
];
const STD7_EBX: string[] = [
  "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", "", "smep", "bmi2", "erms", "invpcid", "rtm", "cqm", "", "mpx", "rdt_a",
  "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", "", "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni", "avx512bw", "avx512vl",
];

/** Linux's name of bit `bit` of feature word `word` ("" for a bit it does not show). */
export function cpuFlagName(word: i32, bit: i32): string {
  const names = word === FeatureWord.Std1Edx ? STD1_EDX : word === FeatureWord.Std1Ecx ? STD1_ECX
    : word === FeatureWord.Ext1Edx ? EXT1_EDX : word === FeatureWord.Ext1Ecx ? EXT1_ECX : STD7_EBX;
  return names[bit];
}

/** Number of feature words (FeatureWord values are 0 … FEATURE_WORD_COUNT-1). */
export const FEATURE_WORD_COUNT: i32 = FEATURE_WORDS;
