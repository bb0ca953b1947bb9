#!/usr/bin/env bash
# Test setup for the JS client flows: installs the latest @aws-sdk packages from the configured npm registry.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --no-package-lock
