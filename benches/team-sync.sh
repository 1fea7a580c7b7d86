#!/usr/bin/env bash
# `disco sync` over a team folder of N accounts with nothing changed, and one `disco
# merge-file` process (what git runs per account that both reps changed).
#
#     cargo build --release --bins --examples
#     bash benches/team-sync.sh 10000
#
# Uses a throwaway HOME and git identity; the remote is a local bare repository.
set -euo pipefail
count=${1:-10000}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
disco=$(pwd)/target/release/disco
export HOME=$root/home GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$root/gitconfig
mkdir -p "$HOME"
printf '[user]\n\tname = Bench\n\temail = bench@example.com\n' > "$GIT_CONFIG_GLOBAL"
git init -q --bare "$root/team.git"
./target/release/examples/gen --accounts "$count" "$root/data" > /dev/null
"$disco" --data-dir "$root/data" team init "$root/team.git" > /dev/null
"$disco" --data-dir "$root/data" sync > /dev/null
echo "disco sync, $count accounts, nothing changed (5 runs, seconds):"
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$disco" --data-dir "$root/data" sync > /dev/null
  end=$(date +%s.%N)
  echo "  $(echo "$end - $start" | bc)"
done
# One account changed on both sides, as git hands it to the driver.
file=$(find "$root/data/accounts" -name '*.yaml' -printf '%f\n' -quit)
cp "$root/data/accounts/$file" "$root/base"
{ cat "$root/base"; echo "bob_said: send samples"; } > "$root/theirs-src"
echo "disco merge-file on one account, whole process (5 runs, seconds):"
for _ in 1 2 3 4 5; do
  { cat "$root/base"; echo "ann_said: call back Tuesday"; } > "$root/ours"
  start=$(date +%s.%N)
  "$disco" merge-file "$root/base" "$root/ours" "$root/theirs-src" "accounts/$file"
  end=$(date +%s.%N)
  echo "  $(echo "$end - $start" | bc)"
done
