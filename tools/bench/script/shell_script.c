/*
 * The shell-script benchmark's timer: runs `<shell> sh <script>` (a busybox binary as its sh
 * applet) `runs` times, one after the other, each as a child process (fork, execve, wait4) with
 * PATH=/opt/busybox/bin and nothing else in its environment, and reports ns per command:
 *
 *     shell_script <runs> <commands per run> <busybox> <script>
 *     bench shell_script <runs × commands> <ns per command>
 *
 * The script's exit status must be 0 (bench shell_script error: child status …, exit 1).
 */
#include "../programs/bench.h"

int main(int argc, char **argv, char **envp) {
  (void)envp;
  u32 runs = argc == 5 ? parse_u32(argv[1]) : 0, commands = argc == 5 ? parse_u32(argv[2]) : 0;
  if (runs == 0 || commands == 0) {
    static const char usage[] = "usage: shell_script <runs> <commands per run> <busybox> <script>\n";
    sys_write(2, usage, sizeof usage - 1);
    return 2;
  }
  char *child_argv[] = { argv[3], "sh", argv[4], 0 };
  char *child_envp[] = { "PATH=/opt/busybox/bin", 0 };
  u64 t0 = now_ns();
  for (u32 i = 0; i < runs; i++) {
    i32 pid = sys_fork();
    if (pid < 0) bench_fail("shell_script", "fork", pid);
    if (pid == 0) sys_exit(-sys_execve(argv[3], child_argv, child_envp) == 2 ? 127 : 126);
    reap_child("shell_script", pid);
  }
  bench_report("shell_script", runs * commands, now_ns() - t0);
  return 0;
}
