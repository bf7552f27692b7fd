# shellcheck shell=bash
# Shared by the scripts in scripts/ and bench/ (sourced from the repository root).

# A TCP port free on loopback now.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# require COMMAND [PACKAGE]: installs Debian's PACKAGE (default COMMAND) when COMMAND is missing.
require() {
    command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}" >/dev/null; }
}
