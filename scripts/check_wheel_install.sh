#!/usr/bin/env bash
# The install check of issue 14: a wheel built from this repository, installed with a plain `pip install`
# into a fresh virtualenv (no set-up script, no torch, no resemblyzer), analyses a recording with an
# enrolment. Usage: scripts/check_wheel_install.sh [WORKDIR]   (prints the analysis JSON; exit 0 = pass)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
PY=${PYTHON:-python3}
"$PY" -m venv "$work/build-env"
"$work/build-env/bin/pip" install -q build
"$work/build-env/bin/python" -m build -q --wheel --outdir "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/kohtaava_desk-*.whl)
"$PY" -m venv "$work/clean"
"$work/clean/bin/pip" install -q "$wheel"
for forbidden in torch resemblyzer; do
  if "$work/clean/bin/python" -c "import importlib.util,sys; sys.exit(importlib.util.find_spec('$forbidden') is None)"; then
    echo "check_wheel_install: $forbidden got installed" >&2; exit 1
  fi
done
# Test material from the repository's own synthesiser (espeak-ng voices; needs the dev venv's scipy).
"${DEV_PYTHON:-.venv/bin/python}" bench/make_demo_recording.py "$work/audio" >/dev/null
cd "$work"  # away from the checkout, so only the installed package can be imported
HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
  "$work/clean/bin/kohtaava-desk" analyze audio/meeting.wav --enroll audio/enrol.wav --json
