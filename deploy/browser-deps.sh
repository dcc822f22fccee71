#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests if they are missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
echo "Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') installed"
