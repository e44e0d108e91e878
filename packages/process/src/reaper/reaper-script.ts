/**
 * The reaper, in POSIX sh (one `sh` process, ~1 MB): it reads `add <pid>` / `del <pid>` lines on stdin
 * and, when stdin reaches EOF — the pool's process ended, however it ended, SIGKILL included — sends
 * SIGTERM (then SIGCONT, for a stopped one) to every registered pid's process group and to every
 * process below it, waits a second and sends SIGKILL to what is left, then exits.
 *
 * Descendants are found through `/proc` (`ps` where there is none): the CLI runs each Bash command in a
 * session of its own, so its process group alone would miss them. They are collected before any
 * signal, while the CLI is still their parent. It ignores SIGHUP, SIGINT and SIGTERM: a Ctrl-C or a
 * service stop meant for the bot must not take the reaper first.
 */
export const REAPER_SCRIPT = `
trap '' HUP INT TERM
pids=' '
while read -r verb pid; do
  case $pid in ''|*[!0-9]*) continue ;; esac
  case $verb in
    add) pids="$pids$pid " ;;
    del) case $pids in *" $pid "*) pids="\${pids%% $pid *} \${pids#* $pid }" ;; esac ;;
  esac
done
[ "$pids" = ' ' ] && exit 0
table() {
  if [ -r /proc/self/stat ]; then
    for f in /proc/[0-9]*/stat; do
      { read -r line < "$f"; } 2>/dev/null || continue
      p=\${f#/proc/}
      set -- \${line##*') '}
      echo "\${p%/stat} $2"
    done
  else
    ps -A -o pid= -o ppid=
  fi
}
tree() {
  found=$pids
  t=$(table)
  while :; do
    more=' '
    while read -r p pp; do
      case $found in *" $pp "*) case $found$more in *" $p "*) ;; *) more="$more$p " ;; esac ;; esac
    done <<EOF
$t
EOF
    [ "$more" = ' ' ] && break
    found="$found\${more# }"
  done
  echo $found
}
victims=$(tree)
for g in $pids; do kill -TERM -- "-$g" 2>/dev/null; kill -CONT -- "-$g" 2>/dev/null; done
for p in $victims; do kill -TERM "$p" 2>/dev/null; kill -CONT "$p" 2>/dev/null; done
sleep 1
for g in $pids; do kill -KILL -- "-$g" 2>/dev/null; done
for p in $victims; do kill -KILL "$p" 2>/dev/null; done
exit 0
`
