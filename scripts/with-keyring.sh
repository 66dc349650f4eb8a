#!/usr/bin/env bash
# Runs a command with a private D-Bus session and an unlocked gnome-keyring Secret Service,
# so keytar talks to a real keychain in tests and CI. Usage: with-keyring.sh CMD...
set -euo pipefail
if [ -z "${AWS_MFA_TRAY_IN_KEYRING:-}" ]; then
  export AWS_MFA_TRAY_IN_KEYRING=1
  # gnome-keyring keeps its files under XDG_DATA_HOME; a private one keeps test runs apart. Set
  # before the bus starts: the bus looks for activatable services there first (below).
  export XDG_DATA_HOME="$(mktemp -d)"
  # When the daemon dies, the next keychain call makes the bus start the Secret Service by its
  # service file, gnome-keyring's own: a second daemon, locked, asking for a password it cannot
  # prompt for. That won the race against the watcher in a CI run (after a GLib assertion killed
  # the daemon), and 68 tests failed. This file, found first, starts nothing: it waits until the
  # watcher's daemon owns the name (which completes the activation), so only the watcher starts one.
  mkdir -p "$XDG_DATA_HOME/dbus-1/services"
  cat >"$XDG_DATA_HOME/dbus-1/services/org.freedesktop.secrets.service" <<'SERVICE'
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/sh -c 'for i in $(seq 1 600); do dbus-send --bus="$DBUS_STARTER_ADDRESS" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && exit 0; sleep 0.05; done; exit 1'
SERVICE
  exec dbus-run-session -- "$0" "$@"
fi
state=$(mktemp -d)
export AWS_MFA_TRAY_KEYRING_STATE="$state" # pid: the daemon's (test/unit/with-keyring.test.ts kills it)
# Its control socket in a folder of its own: with a shared XDG_RUNTIME_DIR (/run/user/0 of a CI
# host) it would find, or be replaced by, another session's daemon.
mkdir -m 0700 "$state/run"

# The daemon runs in the foreground under a watcher: should it die (it did once, in a CI run, and
# every later keychain call then failed), it is started again at once on the same files and
# unlocked with the same password, so the keys stored so far are still there, and it says so.
# The watcher starts it (so it can `wait` for it) and ends with this shell.
main=$$
# Never another session's daemon: an inherited GNOME_KEYRING_CONTROL (a desktop's) would be the one
# `--replace` takes over.
unset GNOME_KEYRING_CONTROL
watch_daemon() {
  local n=0 status pid
  while :; do
    printf 'pw' | XDG_RUNTIME_DIR="$state/run" gnome-keyring-daemon --foreground --replace --unlock --components=secrets >"$state/env.$n" 2>>"$state/daemon.log" &
    pid=$!
    echo "$pid" >"$state/pid"
    status=0
    wait "$pid" || status=$?
    if [ -e "$state/stop" ] || ! kill -0 "$main" 2>/dev/null || [ "$n" -ge 20 ]; then return 0; fi
    n=$((n + 1))
    echo "with-keyring.sh: gnome-keyring-daemon exited with status $status ($(tail -n 3 "$state/daemon.log" | tr '\n' ' ')); started again ($n)" >&2
    sleep 0.1
  done
}
watch_daemon &
watcher=$!
# Ready when it has said where its control socket is and owns the Secret Service name (before
# that, a keychain call would have D-Bus start a second, locked daemon). A slow CI host gets 60 s.
owns_name() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 1 1200); do grep -q '^GNOME_KEYRING_CONTROL=' "$state/env.0" 2>/dev/null && owns_name && break; sleep 0.05; done
if ! owns_name; then
  echo "with-keyring.sh: gnome-keyring-daemon did not start within 60 s: $(tr '\n' ' ' <"$state/daemon.log")" >&2
  exit 1
fi
eval "$(grep '^GNOME_KEYRING_CONTROL=' "$state/env.0")"
export GNOME_KEYRING_CONTROL # a restart with --replace finds the running daemon through it
status=0
"$@" || status=$?
touch "$state/stop"
kill "$(cat "$state/pid")" 2>/dev/null || true
wait "$watcher" 2>/dev/null || true
exit "$status"
