# Shared by load/compare.sh, load/smoke.sh and docker/ci-smoke.sh (sourced, not run).

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_http URL [TRIES]: waits (0.2 s per try, 150 tries by default) until URL answers HTTP; 1 if it never does.
wait_http() {
  local url=$1 tries=${2:-150}
  for _ in $(seq 1 "$tries"); do
    curl -s -o /dev/null --max-time 1 "$url" && return 0
    sleep 0.2
  done
  return 1
}
