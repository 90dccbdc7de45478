#!/usr/bin/env bash
# Runs the whole test suite (every marker: slow, sandbox, container, postgres, redis, browser).
# Under CI (.ci/run sets TFGRADER_REQUIRE_SERVICES=1) a missing PostgreSQL, Redis, podman or
# Chromium fails the tests that need it instead of skipping them.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec "${TFGRADER_VENV:-$here/.venv}/bin/python" -m pytest "$@"
