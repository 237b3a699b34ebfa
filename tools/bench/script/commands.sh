# The shell-script benchmark: 200 short commands, 8 in each of 25 rounds (the loop's own test
# and counter come on top), as Debian's busybox sh runs them on OpenOS and on Linux, with
# PATH=/opt/busybox/bin. Builtins (true, echo, test, printf), redirections to a file and to
# /dev/null, command substitution, a pipeline, and applets started by fork+execve (cat, ls, wc,
# rm). Any failing command ends the script with a non-zero status, which fails the benchmark.
set -e
cd /tmp
i=0
while [ $i -lt 25 ]; do
  true
  echo "round $i" > bench-file
  cat bench-file > /dev/null
  test -s bench-file
  x=$(printf '%s' "$i")
  ls / > /dev/null
  echo "$x" | wc -c > /dev/null
  rm bench-file
  i=$((i + 1))
done
