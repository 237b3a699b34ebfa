/**
 * The ELF loader for static i386 executables (ET_EXEC): validates every header field it uses
 * before trusting it, maps the PT_LOAD segments into a user address space with their
 * permissions, and reports -ENOEXEC for anything malformed. Files whose bytes never change (the
 * initramfs archive) are paged in on first touch from pages shared by every process running
 * them (mm/image.ts); others are copied in whole.
 */
import { AddressSpace, Prot, USER_END } from "../mm/aspace";
import { imageSegment } from "../mm/image";
import { MappedFile } from "../mm/mappedfile";
import { PAGE_BYTES } from "../arch/x86/paging";
import { KERNEL_BASE } from "../arch/x86/layout";
import { Errno } from "../syscall/errno";

const PT_LOAD: u32 = 1;
const PF_X: u32 = 1;
const PF_W: u32 = 2;
const MAX_PHNUM: u32 = 64;

/** The result of loading: entry point and what the auxiliary vector needs, or an error. */
export class LoadedImage {
  error: i32 = 0;
  entry: u32 = 0;
  phdrAddr: u32 = 0;
  phnum: u32 = 0;
  phent: u32 = 0;
  /** First address past the highest segment (the program break starts here). */
  end: u32 = 0;
}

function fail(e: Errno): LoadedImage {
  const r = new LoadedImage();
  r.error = -e;
  return r;
}

/**
 * Validates and loads the executable at kernel address `file` (`size` bytes) into `space`;
 * `lasting` says the bytes stay there unchanged for the kernel's lifetime, so segments may be
 * paged in from them later instead of copied now. As Linux's loader does, a segment becomes a
 * mapping of the file (`exe` names it) up to the page holding its last file byte, and
 * anonymous memory past that (the bss); that memory is named like the program break's, which
 * starts where the image ends, so a growing break extends it as Linux's brk area merges with
 * the bss.
 */
export function loadElf(space: AddressSpace, file: u32, size: u32, lasting: boolean, exe: MappedFile | null): LoadedImage {
  if (size < 52) return fail(Errno.ENOEXEC);
  if (load32(file) !== 0x464c457f) return fail(Errno.ENOEXEC); // \x7fELF
  if (load8(file + 4) !== 1 || load8(file + 5) !== 1 || load8(file + 6) !== 1) return fail(Errno.ENOEXEC); // 32-bit, LE, v1
  if (load16(file + 16) !== 2 || load16(file + 18) !== 3) return fail(Errno.ENOEXEC); // ET_EXEC, EM_386
  const entry = load32(file + 24);
  const phoff = load32(file + 28);
  const phent = load16(file + 42);
  const phnum = load16(file + 44);
  if (phent !== 32 || phnum === 0 || phnum > MAX_PHNUM) return fail(Errno.ENOEXEC);
  if (phoff > size || u32(phnum) * 32 > size - phoff) return fail(Errno.ENOEXEC);
  const img = new LoadedImage();
  img.entry = entry;
  img.phnum = phnum;
  img.phent = phent;
  let entryOk = false;
  for (let i: u32 = 0; i < phnum; i++) {
    const ph = file + phoff + i * 32;
    if (load32(ph) !== PT_LOAD) continue;
    const offset = load32(ph + 4), vaddr = load32(ph + 8), filesz = load32(ph + 16), memsz = load32(ph + 20), flags = load32(ph + 24);
    if (memsz === 0) continue;
    if (filesz > memsz || offset > size || filesz > size - offset) return fail(Errno.ENOEXEC);
    if (vaddr < PAGE_BYTES || memsz > USER_END || vaddr > USER_END - memsz) return fail(Errno.ENOEXEC);
    if ((vaddr & (PAGE_BYTES - 1)) !== (offset & (PAGE_BYTES - 1))) return fail(Errno.ENOEXEC);
    let prot: i32 = Prot.Read;
    if ((flags & PF_W) !== 0) prot |= Prot.Write;
    if ((flags & PF_X) !== 0) prot |= Prot.Exec;
    const start = (vaddr & ~(PAGE_BYTES - 1)) >>> 0;
    const end = ((vaddr + memsz + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0;
    if (entry >= vaddr && entry < vaddr + memsz && (flags & PF_X) !== 0) entryOk = true;
    if (offset <= phoff && phoff + u32(phnum) * 32 <= offset + filesz) img.phdrAddr = vaddr + (phoff - offset);
    if (end > img.end) img.end = end;
    // The pages holding file bytes [start, fileEnd), then the bss [fileEnd, end).
    const fileEnd = filesz === 0 ? start : ((vaddr + filesz + PAGE_BYTES - 1) & ~(PAGE_BYTES - 1)) >>> 0;
    const filePage = offset >>> 12;
    if (fileEnd < end && !space.addRegion(fileEnd, end, prot, "heap")) return fail(Errno.ENOEXEC);
    if (fileEnd === start) continue;
    if (lasting) {
      const image = imageSegment(file + offset, vaddr, filesz, start, fileEnd, filePage);
      if (!space.addImageRegion(start, fileEnd, prot, image, filePage, exe)) return fail(Errno.ENOEXEC);
      continue;
    }
    if (!space.addImageRegion(start, fileEnd, prot, null, filePage, exe)) return fail(Errno.ENOEXEC);
    for (let va = start; va < fileEnd; va += PAGE_BYTES) {
      const pa = space.mapZeroPage(va, prot);
      if (pa === 0) return fail(Errno.ENOMEM);
      // Copy the part of the file that falls into this page.
      const lo = va > vaddr ? va : vaddr;
      const hi = va + PAGE_BYTES < vaddr + filesz ? va + PAGE_BYTES : vaddr + filesz;
      if (hi > lo) memmove(pa + KERNEL_BASE + (lo - va), file + offset + (lo - vaddr), hi - lo);
    }
  }
  if (!entryOk) return fail(Errno.ENOEXEC);
  return img;
}
