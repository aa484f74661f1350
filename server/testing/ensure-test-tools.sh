#!/usr/bin/env bash
# What `npm test` needs besides node_modules, checked before anything else runs: Debian's Chromium (end-to-end
# tests), PostgreSQL, Redis and nginx (the store, cluster and proxy tests start their own on random ports), and
# root (the full-disk tests mount a small tmpfs). As root with apt-get it installs what is missing; otherwise it
# stops at once with the one command to run.
set -euo pipefail

missing=()
[[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null || missing+=(postgresql)
command -v redis-server > /dev/null || missing+=(redis-server)
[[ -x /usr/sbin/nginx ]] || command -v nginx > /dev/null || missing+=(nginx)
root=false
[[ $(id -u) -eq 0 ]] && root=true

if (( ${#missing[@]} > 0 )); then
  if [[ $root == true ]] && command -v apt-get > /dev/null; then
    echo "npm test: installing ${missing[*]} from Debian's packages (apt-get), once"
    # The packages must not start their own services: the tests start theirs on random ports.
    own_policy=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
      own_policy=true
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
    [[ $own_policy == true ]] && rm -f /usr/sbin/policy-rc.d
  else
    echo "npm test needs ${missing[*]} from Debian's packages. Run once:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if [[ $root != true ]]; then
  echo "npm test mounts a small tmpfs to prove that a full disk loses no acknowledged ballot, which needs root." >&2
  echo "Run it as root (CI does):  sudo npm test" >&2
  exit 1
fi
