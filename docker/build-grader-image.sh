#!/usr/bin/env bash
# Builds the grader image WITHOUT a registry: from this host's Debian python3 and the sandbox
# runtime (/opt/tfgrader/runtime, made by scripts/setup.sh), imported with `podman import`
# (or `docker import`, TFGRADER_CONTAINER_ENGINE=docker).
#   docker/build-grader-image.sh                      # full image: localhost/tfgrader-grader:cpu
#   docker/build-grader-image.sh --packages numpy --tag localhost/tfgrader-test:numpy   # small
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
exec "${TFGRADER_PYTHON:-$here/.venv/bin/python}" -m grader.sandbox.container_image "$@"
