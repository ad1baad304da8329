#!/bin/sh
# `make run`: show the encrypted store working end to end on a demo point.
# Creates the demo store once (point DEMO1, a supervisor and a clerk, demo deposits and
# enrolments), then lists the newest deposits, today's summary and the integrity check.
set -eu
app="$BIN/agent-app --data-dir $DEMO_DIR"
if [ ! -f "$DEMO_DIR/guichet.db" ]; then
    $app init --point-code CASA1 --point-name "Point de démonstration Casablanca" --key-store passphrase
    AGENT_APP_USER_PASSWORD=superviseur-demo $app user add chef --role supervisor --name "Superviseur démo"
    AGENT_APP_USER_PASSWORD=guichet-demo $app user add agent1 --role clerk --name "Agent démo"
    $app demo-data --claims 2000 --registrations 40 --seed 7
fi
echo
echo "== Derniers dépôts =="
$app claims list --limit 15
echo
echo "== Dernières immatriculations AMO-TNS =="
$app registrations list --limit 5
echo
echo "== Résumé du jour =="
$app day-summary
echo
$app verify
echo
echo "Données de démonstration dans $DEMO_DIR (phrase de passe : AGENT_APP_PASSPHRASE dans le Makefile)."
echo "Essayez : $app claims find BENNANI"
