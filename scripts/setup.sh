#!/usr/bin/env bash
# One-time (and idempotent) set-up on Debian/Ubuntu: system libraries, a virtualenv in .venv and the app.
# Called by ./run-app and ./run-tests, so a fresh clone needs no other step.
set -euo pipefail
cd "$(dirname "$0")/.."

# PortAudio for the microphone, espeak-ng (+ sox) for spoken cues and synthetic test speech, Festival's
# Finnish voices for natural-sounding test speech for the Whisper engine, strace for the test that watches
# every file the running app opens for writing, the libraries Qt needs even when it draws offscreen, and a
# real X desktop for the focus test and screenshots (Xvfb, openbox, xdotool, xterm).
SYSTEM_PACKAGES=(libportaudio2 espeak-ng libespeak-ng1 sox festival festvox-suopuhe-lj festvox-suopuhe-mv
                 strace libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
                 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
                 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-image0 libxcb-render-util0
                 xvfb openbox xdotool xterm)
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.kohtaava-setup
want=$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi
if ! .venv/bin/python -c "import faster_whisper" 2>/dev/null; then
  echo "Optional: the Whisper speech engine (Finnish and Swedish models exist for it):"
  echo "  .venv/bin/pip install -e '.[whisper]'   then set [speech] engine = \"whisper\""
fi
