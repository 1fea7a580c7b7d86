#!/usr/bin/env bash
# How long disco and vim take from reading a key to writing its echo, from the kernel's own
# syscall tracepoints: the part of keystroke-to-echo latency each program owns, without the
# pseudo-terminal's and the scheduler's share that examples/measure.rs also counts.
#
#     cargo build --release && sudo bash benches/echo-trace.sh [KEYS]
#
# Needs perf (Debian: linux-perf), tmux, vim, and root (or perf_event_paranoid <= 1).
set -euo pipefail
keys=${1:-200}
disco=${DISCO_BIN:-target/release/disco}
work=$(mktemp -d)
trap 'tmux -L echo-trace kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

trace() { # name, command, keys to send first
    local name=$1 command=$2 first=$3
    tmux -L echo-trace new-session -d -s "$name" -x 80 -y 24 "$command"
    sleep 1.5
    local pid
    pid=$(tmux -L echo-trace display-message -p -t "$name" '#{pane_pid}')
    [ -n "$first" ] && tmux -L echo-trace send-keys -t "$name" -l "$first" && sleep 0.5
    perf record -q -e 'syscalls:sys_exit_read,syscalls:sys_enter_write' -p "$pid" \
        -o "$work/$name.data" -- sleep $((keys * 35 / 1000 + 3)) 2>/dev/null &
    local recorder=$!
    sleep 0.5
    for _ in $(seq "$keys"); do
        tmux -L echo-trace send-keys -t "$name" -l "§"
        sleep 0.03
    done
    wait "$recorder"
    perf script -i "$work/$name.data" 2>/dev/null |
        awk '/sys_exit_read/ {t = $4 + 0; r = 1; next}
             /sys_enter_write/ && r {print ($4 + 0 - t) * 1e6; r = 0}' |
        sort -n |
        awk -v name="$name" '{a[NR] = $1}
            END {printf "%-6s read to write, µs: median %d  p25 %d  p75 %d  (%d keys)\n",
                 name, a[int(NR / 2)], a[int(NR / 4)], a[int(3 * NR / 4)], NR}'
}

trace disco "DISCO_DATA_DIR=$work/data exec $disco call 'Echo trace'" "x"
: >"$work/vim.txt"
trace vim "exec vim -u NONE -N -n $work/vim.txt" "i"
