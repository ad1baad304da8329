#!/bin/sh
# `make run`: a demo point with its encrypted store, a reference CNSS centre on this machine,
# then the desktop app.
# The store is created once (point CASA1, a supervisor and a clerk, demo deposits and
# enrolments) and activated once with the local centre; every run starts the centre
# (python -m sync.server serve, on 127.0.0.1:$DEMO_CENTRE_PORT) in the background, stops it
# when the app exits, and syncs once so the deposits are seen leaving. `make demo-reset` starts
# again from nothing. Without a display (a server, a container), the store is shown through
# the operator CLI instead.
set -eu
app="$BIN/agent-app --data-dir $DEMO_DIR"
centre_dir="$DEMO_DIR/centre"
# A fixed port: the point stores the centre's address at activation.
port="${DEMO_CENTRE_PORT:-8765}"
server="http://127.0.0.1:$port"
# The demo centre wraps its own keys with this passphrase (like the point, no keyring here).
GAMO_CENTRE_PASSPHRASE="${GAMO_CENTRE_PASSPHRASE:-demo-centre-passphrase-not-for-production}"
export GAMO_CENTRE_PASSPHRASE
centre() {
    "$BIN/python" -m sync.server "$@" --data-dir "$centre_dir"
}

if [ ! -f "$DEMO_DIR/guichet.db" ]; then
    $app init --point-code CASA1 --point-name "Point de démonstration Casablanca" --key-store passphrase
    AGENT_APP_USER_PASSWORD=superviseur-demo $app user add chef --role supervisor --name "Superviseur démo"
    AGENT_APP_USER_PASSWORD=guichet-demo $app user add agent1 --role clerk --name "Agent démo"
    $app demo-data --claims 2000 --registrations 40 --seed 7
fi

mkdir -p "$centre_dir"
port_file="$centre_dir/port"
rm -f "$port_file"
# Not through the function: $! must be the server's own process, for the trap to stop it.
"$BIN/python" -m sync.server serve --data-dir "$centre_dir" --port "$port" \
    --port-file "$port_file" >"$centre_dir/server.log" 2>&1 &
centre_pid=$!
stop_centre() {
    kill "$centre_pid" 2>/dev/null || true
    wait "$centre_pid" 2>/dev/null || true
}
trap stop_centre EXIT
trap 'exit 130' INT TERM
tries=0
while [ ! -s "$port_file" ]; do
    if ! kill -0 "$centre_pid" 2>/dev/null || [ "$tries" -ge 300 ]; then
        echo "Le centre de démonstration n'a pas démarré (port $port occupé ?) :"
        tail -n 20 "$centre_dir/server.log"
        exit 1
    fi
    tries=$((tries + 1))
    sleep 0.1
done
echo "Centre CNSS de démonstration : $server (journal : $centre_dir/server.log)"

if [ ! -f "$DEMO_DIR/activated" ]; then
    code=$(centre issue-activation --point-code CASA1 | awk '{print $NF}')
    $app activate --server "$server" --code "$code"
    : >"$DEMO_DIR/activated"
fi
$app sync || echo "(la synchronisation reprendra depuis l'application)"
# The centre moves what it received through its processing: the next sync brings updates back.
centre simulate-processing --seed 7 >/dev/null

echo
echo "Comptes de démonstration : agent1 / guichet-demo (agent), chef / superviseur-demo (superviseur)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    # Not exec: the trap must stop the centre when the window closes.
    "$BIN/python" -m agent_app.ui --data-dir "$DEMO_DIR"
    exit $?
fi
echo "Pas d'écran ici : voici le magasin vu par la ligne de commande."
echo "(Pour la fenêtre sans écran : xvfb-run -a $BIN/python -m agent_app.ui --data-dir $DEMO_DIR)"
echo
echo "== Synchronisation (agent-app sync --json) =="
$app sync --json || true
echo
echo "== Derniers dépôts =="
$app claims list --limit 10
echo
echo "== Résumé du jour =="
$app day-summary
echo
$app verify
