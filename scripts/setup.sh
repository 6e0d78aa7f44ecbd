#!/usr/bin/env bash
# One command from a machine with only Node 20 and npm: install pnpm (pinned), the workspace,
# obtain the locked spec, generate and build every package.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "setup: installing pnpm@$want with npm"
  npm install --global --no-fund --no-audit "pnpm@$want"
fi
pnpm install --frozen-lockfile
pnpm build
# Generation writes spec/openapi.yaml as it runs; when turbo replays generation from its cache, it
# does not, and the mock's tests read that file: make sure it is there.
pnpm spec:ensure
