#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the report's browser test
# (io.flowaudit.report.BrowserRenderingTest), only when either is missing.
# Idempotent: a machine that already has both is left untouched.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    exit 0
fi

# Root runs apt-get directly; anyone else goes through sudo.
if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
else
    as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends chromium chromium-driver
