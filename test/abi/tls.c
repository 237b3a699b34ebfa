/*
 * TLS segments from ring 3 (set_thread_area/get_thread_area), checked with the instructions a C
 * library uses: load the selector into %gs and read through it. Also the cases that once could
 * take the kernel down: a selector whose slot is cleared while it is loaded (the return to user
 * mode must load null instead), and a fork child inheriting the segment. Prints KTAP.
 */
#include "ktap.h"

#define SYS_set_thread_area 243
#define SYS_get_thread_area 244
#define SYS_getpid 20

struct user_desc { i32 entry_number; u32 base_addr; u32 limit; u32 flags; };
/* seg_32bit | limit_in_pages (contents 0: data, writable, present, usable) */
#define DESC_FLAGS ((1u << 0) | (1u << 4) | (1u << 6))
#define DESC_EMPTY ((1u << 3) | (1u << 5))

static u32 read_gs(void) { u32 v; __asm__ volatile("movl %%gs, %0" : "=r"(v)); return v; }
static void load_gs(u32 sel) { __asm__ volatile("movl %0, %%gs" : : "r"(sel)); }
static u32 gs_word(u32 off) { u32 v; __asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(off)); return v; }

static u32 block[16] = { 0x11111111, 0x22222222, 0x33333333 };

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  ktap_plan(12);
  struct user_desc d = { -1, (u32)block, 0xfffff, DESC_FLAGS };
  check(sys1(SYS_set_thread_area, (i32)&d) == 0 && d.entry_number >= 6, "set_thread_area(-1) picks a free slot and reports it");
  u32 sel = ((u32)d.entry_number << 3) | 3;
  load_gs(sel);
  check(gs_word(4) == 0x22222222, "%gs:4 reads the TLS block through the new segment");
  sys0(SYS_getpid);
  check(read_gs() == sel && gs_word(8) == 0x33333333, "the selector and segment survive a system call");
  struct user_desc q = { d.entry_number, 0, 0, 0 };
  check(sys1(SYS_get_thread_area, (i32)&q) == 0 && q.base_addr == (u32)block && q.limit == 0xfffff, "get_thread_area reads the slot back");
  i32 pid = sys_fork();
  if (pid == 0) sys_exit(read_gs() == sel && gs_word(0) == 0x11111111 ? 0 : 1);
  i32 status = -1;
  sys_wait(pid, &status);
  check(status == 0, "a fork child inherits the TLS segment");
  /* The child moves its own copy of the slot while %gs holds the selector: its segment must
   * follow at once, and the parent's must be its own again after the switches back. */
  pid = sys_fork();
  if (pid == 0) {
    struct user_desc moved = { d.entry_number, (u32)&block[2], 0xfffff, DESC_FLAGS };
    if (sys1(SYS_set_thread_area, (i32)&moved) != 0) sys_exit(2);
    sys_exit(read_gs() == sel && gs_word(0) == 0x33333333 ? 0 : 1);
  }
  status = -1;
  sys_wait(pid, &status);
  check(status == 0, "rewriting the slot %gs uses takes effect on the way back from set_thread_area");
  check(read_gs() == sel && gs_word(0) == 0x11111111, "the parent's segment is its own after the child's switch");
  struct user_desc bad = { 3, 0, 0, DESC_FLAGS };
  check(sys1(SYS_set_thread_area, (i32)&bad) == -22, "a slot outside the TLS entries is refused (-EINVAL)");
  check(sys1(SYS_set_thread_area, 0xc0000000) == -14, "a kernel pointer gets -EFAULT");
  struct user_desc conforming = { d.entry_number, 0, 0xfffff, DESC_FLAGS | (3u << 1) };
  check(sys1(SYS_set_thread_area, (i32)&conforming) == -22, "a present conforming code segment is refused");
  /* Clear the slot while %gs still holds its selector: the way back must load null. */
  struct user_desc empty = { d.entry_number, 0, 0, DESC_EMPTY };
  check(sys1(SYS_set_thread_area, (i32)&empty) == 0, "set_thread_area clears a slot");
  check(read_gs() == 0, "a selector whose slot was cleared comes back as null, and the kernel carries on");
  return ktap_done("tls");
}
