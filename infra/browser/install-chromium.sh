#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the explorer's browser tests (ExplorerBrowserIT), where that
# is possible: as root with apt-get. Otherwise it says so in one line and leaves the decision to the tests, which
# skip without the browser — or fail, under CHARIOT_REQUIRE_BROWSER=1.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
  echo "install-chromium: not root with apt-get; install chromium and chromium-driver to run ExplorerBrowserIT" >&2
  exit 0
fi
echo "install-chromium: apt-get install chromium chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null \
  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null; }
