#!/bin/sh
# Writes the two generated trees the harness includes: A, generated/ at git revision $1; B,
# generated/ in the working tree. Not committed (.gitignore).
set -e
cd "$(dirname "$0")"
BASE=${1:?usage: prepare.sh BASE_REVISION}
rm -rf gen && mkdir -p gen/a gen/b
for f in $(git ls-tree --name-only "$BASE" ../../generated/ | xargs -n1 basename); do
  git show "$BASE:generated/$f" > "gen/a/$f"
done
cp ../../generated/*.rs gen/b/
