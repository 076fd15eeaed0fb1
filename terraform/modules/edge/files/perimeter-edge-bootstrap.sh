#!/bin/sh
# Installs the perimeter-edge package and enrolls this VM's edge, once, at first boot (cloud-init's runcmd). Written
# by the terraform module "edge"; its arguments come from the module's variables:
#   perimeter-edge-bootstrap --method apt|deb|tarball [--url URL --sha256 HEX] [--apt-source FILE] --token-file FILE
# The enrollment token is read from --token-file and the file is removed once the token is spent (or refused).
set -eu

# Where the package keeps them, and its user. Overridable only so that the script's tests can run it in a scratch
# directory.
state_dir="${PERIMETER_EDGE_STATE:-/var/lib/perimeter-edge}"
config="${PERIMETER_EDGE_CONFIG:-/etc/perimeter-edge/edge.conf}"
user="${PERIMETER_EDGE_USER:-perimeter-edge}"

method="" url="" sha256="" token_file="" hostname_opt=""
while [ $# -gt 0 ]; do
  case "$1" in
    --method) method="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --sha256) sha256="$2"; shift 2 ;;
    --token-file) token_file="$2"; shift 2 ;;
    --hostname) hostname_opt="$2"; shift 2 ;;
    *) echo "perimeter-edge-bootstrap: unknown option $1" >&2; exit 2 ;;
  esac
done

log() { echo "perimeter-edge-bootstrap: $*"; }
fetch() { # URL FILE SHA256: download, then refuse a file whose digest is not the expected one
  curl --fail --silent --show-error --location --retry 5 --retry-connrefused -o "$2" "$1"
  echo "$3  $2" | sha256sum -c - >/dev/null || { echo "perimeter-edge-bootstrap: $1 does not have the expected sha256" >&2; exit 1; }
}

if command -v perimeter-edge >/dev/null 2>&1; then
  log "perimeter-edge is installed already"
else
  export DEBIAN_FRONTEND=noninteractive
  case "$method" in
    apt)
      # The repository and its key were written by cloud-init (apt: sources).
      apt-get update -q
      apt-get install -y -q perimeter-edge ;;
    deb)
      apt-get update -q
      apt-get install -y -q curl ca-certificates
      fetch "$url" /tmp/perimeter-edge.deb "$sha256"
      apt-get install -y -q /tmp/perimeter-edge.deb
      rm -f /tmp/perimeter-edge.deb ;;
    tarball)
      dir="$(mktemp -d)"
      fetch "$url" "$dir/perimeter-edge.tar.gz" "$sha256"
      tar -xzf "$dir/perimeter-edge.tar.gz" -C "$dir"
      (cd "$dir"/perimeter-edge-*/ && ./install.sh)
      rm -rf "$dir" ;;
    *) echo "perimeter-edge-bootstrap: --method must be apt, deb or tarball" >&2; exit 2 ;;
  esac
fi

if [ -s "$state_dir/edge.properties" ]; then
  log "this edge is enrolled already"
else
  [ -s "$token_file" ] || { echo "perimeter-edge-bootstrap: no enrollment token in $token_file" >&2; exit 1; }
  # perimeter-edge enroll started by root enrolls as the package's user, which reads the token file itself
  # (--token-file: the token stays out of the process list); the file is root's until the package made the user.
  chown "$user:" "$token_file"
  # The token works once: whatever the answer, it is of no further use, so it does not stay on disk.
  status=0
  perimeter-edge enroll --config "$config" ${hostname_opt:+--hostname "$hostname_opt"} \
    --token-file "$token_file" || status=$?
  rm -f "$token_file"
  [ "$status" -eq 0 ] || exit "$status"
fi

systemctl enable --now perimeter-edge.service
log "perimeter-edge.service is running"
