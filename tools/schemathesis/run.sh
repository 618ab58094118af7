#!/usr/bin/env bash
# Fuzzes the HTTP API with Schemathesis against its own /openapi.json: no response may be a 5xx, and
# every response must match the documented schema. Starts `dutygraph serve` on a free loopback port
# over the sample documents (embedded store in a temp data dir, an API key so write routes are
# exercised, rate limiting off), runs a bounded fuzz, and exits non-zero on any failure.
#
# Settings (environment):
#   SCHEMATHESIS_MAX_EXAMPLES  test cases per operation and phase (default 100: about 2 minutes on 2 cores)
#   SCHEMATHESIS_SEED          random seed (default fixed, so CI runs are reproducible)
#   SCHEMATHESIS_WORKERS       concurrent workers (default 1: Python 3.11 before 3.11.8 can fail
#                              parsing in threads, "AST constructor recursion depth mismatch")
#   DUTYGRAPH_CACHE_DIR        where the Schemathesis venv is kept (default ~/.cache/dutygraph)
#   SCHEMATHESIS_REPORT_DIR    also write JUnit and NDJSON reports there
set -euo pipefail
cd "$(dirname "$0")/../.."

requirements=tools/schemathesis/requirements.txt
version=$(sed -n 's/^schemathesis==//p' "$requirements")

# The pinned Schemathesis: from PATH when it is that version (CI puts .ci/venv there), else a venv in
# the cache, installed once. The marker is written last, so an interrupted install is redone.
if command -v schemathesis >/dev/null 2>&1 && [ "$(schemathesis --version 2>/dev/null)" = "schemathesis, version $version" ]; then
  st=schemathesis
else
  venv="${DUTYGRAPH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dutygraph}/schemathesis-$version"
  if [ ! -f "$venv/.installed" ]; then
    echo "installing schemathesis $version into $venv" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    touch "$venv/.installed"
  fi
  st="$venv/bin/schemathesis"
fi

data_dir=$(mktemp -d "${TMPDIR:-/tmp}/dutygraph-schemathesis-XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT

api_key=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
# Created here: the background server opens them only once it runs, and the wait loop reads them first.
: >"$data_dir/server.out"
: >"$data_dir/server.err"
DUTYGRAPH_API_KEYS="$api_key" \
  DUTYGRAPH_RATE_LIMIT=off \
  DUTYGRAPH_LOG_LEVEL=warn \
  DUTYGRAPH_MODEL_DIR="$data_dir/models" \
  node --import tsx cli/main.ts serve --store embedded --data-dir "$data_dir" --ingest samples \
  --host 127.0.0.1 --port 0 >"$data_dir/server.out" 2>"$data_dir/server.err" &
server_pid=$!

url=
for _ in $(seq 1 240); do
  url=$(sed -n 's/^.*listening on \(http:\/\/[^ ]*\).*$/\1/p' "$data_dir/server.out" | head -n 1)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
if [ -z "$url" ]; then
  echo "schemathesis: the API server did not start:" >&2
  cat "$data_dir/server.out" "$data_dir/server.err" >&2
  exit 1
fi
echo "schemathesis: fuzzing $url (samples ingested, embedded store in $data_dir)" >&2

reports=()
if [ -n "${SCHEMATHESIS_REPORT_DIR:-}" ]; then
  reports=(--report junit,ndjson --report-dir "$SCHEMATHESIS_REPORT_DIR")
fi

status=0
"$st" run "$url/openapi.json" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-100}" \
  --seed "${SCHEMATHESIS_SEED:-20260101}" \
  --workers "${SCHEMATHESIS_WORKERS:-1}" \
  --request-timeout 30 \
  --header "Authorization: Bearer $api_key" \
  --suppress-health-check too_slow,filter_too_much \
  --no-color \
  "${reports[@]}" || status=$?

# A 5xx is a failure even when Schemathesis could not attribute it; the server log says why.
if grep -q '"level":50' "$data_dir/server.out" 2>/dev/null; then
  echo "schemathesis: the server logged errors:" >&2
  grep '"level":50' "$data_dir/server.out" | head -n 20 >&2
  status=1
fi
exit "$status"
