#!/usr/bin/env bash
# Runs a command with a private D-Bus session and an unlocked gnome-keyring Secret Service,
# so keytar talks to a real keychain in tests and CI. Usage: with-keyring.sh CMD...
set -euo pipefail
if [ -z "${AWS_MFA_TRAY_IN_KEYRING:-}" ]; then
  export AWS_MFA_TRAY_IN_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
# gnome-keyring keeps its files under XDG_DATA_HOME; a private one keeps test runs apart.
export XDG_DATA_HOME="${XDG_DATA_HOME:-$(mktemp -d)}"
eval "$(printf 'pw' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
export GNOME_KEYRING_CONTROL
exec "$@"
