#!/bin/sh
# `make run`: a demo point with its encrypted store, then the desktop app.
# The store is created once (point CASA1, a supervisor and a clerk, demo deposits and
# enrolments); `make demo-reset` starts again from nothing. Without a display (a server, a
# container), the store is shown through the operator CLI instead.
set -eu
app="$BIN/agent-app --data-dir $DEMO_DIR"
if [ ! -f "$DEMO_DIR/guichet.db" ]; then
    $app init --point-code CASA1 --point-name "Point de démonstration Casablanca" --key-store passphrase
    AGENT_APP_USER_PASSWORD=superviseur-demo $app user add chef --role supervisor --name "Superviseur démo"
    AGENT_APP_USER_PASSWORD=guichet-demo $app user add agent1 --role clerk --name "Agent démo"
    $app demo-data --claims 2000 --registrations 40 --seed 7
fi
echo
echo "Comptes de démonstration : agent1 / guichet-demo (agent), chef / superviseur-demo (superviseur)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$BIN/python" -m agent_app.ui --data-dir "$DEMO_DIR"
fi
echo "Pas d'écran ici : voici le magasin vu par la ligne de commande."
echo "(Pour la fenêtre sans écran : xvfb-run -a $BIN/python -m agent_app.ui --data-dir $DEMO_DIR)"
echo
echo "== Derniers dépôts =="
$app claims list --limit 10
echo
echo "== Résumé du jour =="
$app day-summary
echo
$app verify
