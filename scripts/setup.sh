#!/usr/bin/env bash
# Installs everything tfgrader needs on a fresh Debian/Ubuntu machine, idempotently:
#   - system packages (bubblewrap for the sandbox, podman+runc for the container backend,
#     chromium for the browser tests),
#   - the sandbox runtime (Debian's python3 + TensorFlow) in a world-readable folder, because the
#     sandbox runs as an unprivileged uid that cannot read /root or a private checkout,
#   - the application's virtual environment (.venv) with the project installed in editable mode.
# Each step is skipped when its stamp says it is already done for the same inputs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runtime=${TFGRADER_RUNTIME:-/opt/tfgrader/runtime}
venv=${TFGRADER_VENV:-$here/.venv}
extras=${TFGRADER_EXTRAS:-dev}
base_python=/usr/bin/python3

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

system_packages=(bubblewrap python3 python3-venv python3-seccomp util-linux podman runc uidmap chromium fonts-noto-cjk)
missing=()
for pkg in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

runtime_stamp=$(stamp_of "$here/runtime-requirements.txt")
if [ "$(cat "$runtime/.tfgrader-stamp" 2>/dev/null)" != "$runtime_stamp" ]; then
  say "building the sandbox runtime in $runtime (TensorFlow, about 1.6 GB)"
  as_root mkdir -p "$runtime"
  as_root "$base_python" -m venv "$runtime"
  as_root "$runtime/bin/pip" install -q --disable-pip-version-check -r "$here/runtime-requirements.txt"
  as_root chmod -R a+rX "$runtime"
  echo "$runtime_stamp" | as_root tee "$runtime/.tfgrader-stamp" >/dev/null
fi

# Data sets (MNIST) for exercises that declare them: the sandbox mounts this copy read-only at
# /data/<name>; it must be world-readable because the sandbox runs as an unprivileged uid.
data_dir=${TFGRADER_DATA_DIR:-$runtime/share/tfgrader-data}
data_stamp=$(cd "$here" && stamp_of data/*/*)
if [ "$(cat "$data_dir/.tfgrader-stamp" 2>/dev/null)" != "$data_stamp" ]; then
  say "copying data sets to $data_dir"
  as_root mkdir -p "$data_dir"
  as_root cp -r "$here/data/." "$data_dir/"
  as_root chmod -R a+rX "$data_dir"
  echo "$data_stamp" | as_root tee "$data_dir/.tfgrader-stamp" >/dev/null
fi

# The bwrap sandbox's seccomp deny-list, compiled with Debian's libseccomp bindings; cheap, so it
# is rewritten every time (atomically) and stays in step with scripts/make_seccomp_filter.py.
as_root "$base_python" "$here/scripts/make_seccomp_filter.py" "$runtime/share/tfgrader/seccomp.bpf"

venv_stamp=$(stamp_of "$here/pyproject.toml")-$extras
if [ "$(cat "$venv/.tfgrader-stamp" 2>/dev/null)" != "$venv_stamp" ] || [ ! -x "$venv/bin/tfgrader" ]; then
  say "installing tfgrader into $venv"
  "$base_python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -e "$here[$extras]"
  echo "$venv_stamp" > "$venv/.tfgrader-stamp"
fi
say "ready: runtime $runtime, app $venv"
