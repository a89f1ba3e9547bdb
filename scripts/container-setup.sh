#!/usr/bin/env bash
# The steps the Dockerfile runs to make the image: install the package, lint the store, compile it.
# CI runs this same script (Docker is not on the CI machine), so the image's steps are tested.
# Usage: scripts/container-setup.sh STORE_DIR OUTPUT_DB
set -euo pipefail
store="${1:?usage: container-setup.sh STORE_DIR OUTPUT_DB}"
out="${2:?usage: container-setup.sh STORE_DIR OUTPUT_DB}"
python -m pip install --no-cache-dir --quiet "$(dirname "$0")/.."
aliases lint --store "$store"
aliases build --store "$store" -o "$out"
python -c "import sys; from service.match.index import Index; Index.open(sys.argv[1])" "$out"
