#!/usr/bin/env bash
# The README's test command runs this (`npm ci && npm test`): it installs what the tests need on a
# clean machine (Debian chromium for the browser tests, DejaVu fonts for generated document images, a running
# local PostgreSQL), then runs type checks, lint, unit + integration tests on SQLite and PostgreSQL, the web build and the e2e suite.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || { echo "could not install chromium with apt-get" >&2; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

# The generated ID-document images the OCR tests read back are rendered in DejaVu Sans Mono.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]; then
  log "installing the DejaVu fonts for the generated document images"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null) \
      || { echo "could not install fonts-dejavu-core with apt-get" >&2; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
  fi
fi

# The face tests read real portraits from scikit-image's sample data (astronaut.png is public domain).
if [ ! -f /usr/lib/python3/dist-packages/skimage/data/astronaut.png ]; then
  log "installing python3-skimage for the face test images"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-skimage >/dev/null) \
      || { echo "could not install python3-skimage with apt-get" >&2; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-skimage >/dev/null
  fi
fi

# The verification page's browser tests feed Chromium's fake camera with videos built by ffmpeg from those images;
# recording analysis (and its tests) runs Debian's /usr/bin/ffmpeg and /usr/bin/ffprobe.
if [ ! -x /usr/bin/ffmpeg ] || [ ! -x /usr/bin/ffprobe ]; then
  log "installing ffmpeg for the fake-camera videos"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null) \
      || { echo "could not install ffmpeg with apt-get" >&2; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
  fi
fi

# The report tests render the PDF report to images with pdftoppm and read its text with pdftotext (poppler-utils).
if [ ! -x /usr/bin/pdftoppm ] || [ ! -x /usr/bin/pdftotext ]; then
  log "installing poppler-utils for the PDF report tests"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null) \
      || { echo "could not install poppler-utils with apt-get" >&2; exit 1; }
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
  fi
fi

export GATECHECK_TEST_PG_URL="${GATECHECK_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "starting the local PostgreSQL"
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

log "type check"
npx tsc --noEmit -p tsconfig.json

log "lint and format (biome)"
npx biome check .

log "build the web UI"
npm run --silent build:web

log "unit, integration (SQLite + PostgreSQL) and browser tests"
mkdir -p .e2e
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.e2e/vitest.json || status=$?

node -e '
const r = require("./.e2e/vitest.json");
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
