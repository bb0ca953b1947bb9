#!/usr/bin/env bash
# Container health: FakeS3 answers HTTP on its port. Any status counts (GET / unsigned is an S3 error
# document, which is an answer); only a refused connection or silence fails the check.
set -euo pipefail
port="${FAKES3_HEALTH_PORT:-4568}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
IFS= read -r -t 3 status <&3
[[ "$status" == HTTP/1.[01]\ * ]]
