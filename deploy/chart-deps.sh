#!/usr/bin/env bash
# Installs what HelmChartTest needs to validate the rendered chart against the Kubernetes API schemas: Debian's
# node and npm if they are missing, then the validator's pinned packages (deploy/helm/tools/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/helm/tools"
if [ ! -x /usr/bin/node ] || ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi
npm ci --silent --no-audit --no-fund
echo "chart validator ready ($(node --version), kubernetes-models $(node -p "require('./node_modules/kubernetes-models/package.json').version"))"
