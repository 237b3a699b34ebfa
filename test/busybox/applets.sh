# Busybox applets as a user scripts them. The same busybox binary runs this on OpenOS and on
# the Linux host; test/busybox.test.ts compares the two outputs byte for byte, so everything
# printed here must be the same on both (no times, pids or host paths).
# Usage: busybox sh applets.sh <empty work directory>
set -u
main() {
  cd "$1" || exit 1
  echo "== echo printf test expr"
  echo plain words; echo -n "no newline"; echo
  printf '%s=%d|%5.2f|%x\n' answer 42 3.14159 255
  test 3 -lt 5 && echo "3<5"; [ -z "" ] && echo "empty"; [ abc = abd ] || echo "differ"
  expr 6 \* 7; expr length "hello"; expr 10 / 3
  echo "== files: mkdir touch cp mv ln rm chmod cat"
  mkdir -p d/e/f
  printf 'line one\nline two\nline three\n' > d/a.txt
  touch d/empty
  cp d/a.txt d/b.txt
  mv d/b.txt d/e/c.txt
  ln -s ../a.txt d/e/link
  ln d/a.txt d/hard
  cat d/e/link
  chmod 640 d/a.txt
  ls -l d/a.txt | cut -c1-10
  ls -l d/e/link | cut -c1-10
  touch -d "2001-02-03 04:05:06" d/empty
  TZ=UTC date -r d/empty "+%Y-%m-%d %H:%M:%S (set by touch -d)"
  find d -newer d/empty -name "*.txt"
  [ "$(TZ=UTC date -r d/a.txt +%Y)" -ge 2024 ] && echo "a new file is dated now, not 1970"
  ls d d/e
  rm d/e/c.txt
  rm -r d/e/f
  ls -a d/e
  echo "== text: wc head tail sort uniq cut tr sed grep awk"
  seq 1 12 > n.txt
  wc -l n.txt; wc -c < n.txt
  head -n 3 n.txt; tail -n 2 n.txt
  printf 'pear\napple\nfig\napple\nbanana\n' > f.txt
  sort f.txt | uniq -c
  sort -r f.txt | head -2
  echo "a:b:c:d" | cut -d: -f2,4
  echo "Hello World" | tr a-z A-Z | tr -d O
  sed -e 's/apple/APPLE/g' -e '/fig/d' f.txt
  grep -n an f.txt; grep -c p f.txt; grep -v -e pear -e apple f.txt
  awk -F: '{ print $3 "-" $1 }' <<END
x:y:z
1:2:3
END
  seq 1 100 | awk '{ s += $1 } END { print "sum", s }'
  echo "== find xargs env seq yes"
  find d -name '*.txt' | sort
  find d -type l
  echo one two three | xargs -n 1 echo item
  env A=1 B=two env | grep -e "^A=" -e "^B="
  seq 3 -1 1; seq -s , 1 5
  yes ok | head -n 3
  echo "== checksums dd tee diff"
  md5sum n.txt f.txt
  sha256sum n.txt
  dd if=/dev/zero bs=512 count=4 2>/dev/null | wc -c
  dd if=n.txt bs=1 skip=3 count=5 2>/dev/null; echo
  echo teed | tee t1.txt t2.txt > /dev/null; cat t1.txt t2.txt
  printf 'a\nb\nc\n' > x; printf 'a\nB\nc\nd\n' > y
  diff x y > diff.out; echo "diff status $?"; tail -n +3 diff.out
  echo "== date sleep ps kill"
  date -u -d @86400 '+%Y-%m-%d %H:%M'
  sleep 0.2 && echo slept
  sleep 10 & pid=$!
  for i in 1 2 3 4 5 6 7 8 9 10; do ps | grep -q '[s]leep 10' && break; sleep 0.1; done
  ps | grep -q '[s]leep 10' && echo "ps sees the sleep"
  kill $pid; wait $pid; echo "killed: $?"
  echo "== /proc/self/maps"
  # The fields of the regions Linux names, and the permissions of the executable's segments
  # (sorted: where the kernel puts them differs).
  awk '$6 == "[heap]" || $6 == "[stack]" || $6 == "[vdso]" { print $2, $3, $4, $5, $6 }' /proc/self/maps | sort
  awk '$6 ~ /\/busybox$/ { print $2, length($3), $4 ~ /^[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]$/ }' /proc/self/maps | sort -u
  echo "== vi"
  # Keys read from a pipe (vi takes the first byte as a terminal reply, hence the leading 0s):
  # down a line, delete it, toggle the case of the next one's first letter, write and quit.
  printf 'first\nsecond\nthird\n' > v.txt
  printf '00jdd~:wq\r' | vi v.txt > /dev/null 2>&1
  cat v.txt
  echo "== the end"
}
main "$@" 2>&1 | cat
