#!/bin/sh
# Installs the Perimeter edge from this air-gapped bundle: the same files as the Debian package, nothing downloaded.
#   sudo ./install.sh                 install on this host (the system user, the state directory, the unit enabled)
#   ./install.sh --root DIR           lay the files out under DIR only (an image being built, a chroot, a test)
#   sudo ./install.sh --uninstall     remove the edge's files; keeps /etc/perimeter-edge/edge.conf if changed,
#                                     /var/lib/perimeter-edge (identity, key, spool) and the user, like the package
# Safe to run again: an upgrade replaces /opt/perimeter-edge and the unit, and keeps edge.conf and the state.
# Needs on the host: libbpf1 (Debian/Ubuntu: apt-get install libbpf1; RHEL-likes: libbpf), setpriv and useradd.
set -eu

bundle="$(cd "$(dirname "$0")" && pwd)"
root=/
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --root=*) root="${1#--root=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
root="${root%/}"
user=perimeter-edge
unit=perimeter-edge.service
on_host() { [ -z "$root" ]; }
say() { echo "perimeter-edge install: $*"; }

if on_host && [ "$(id -u)" != 0 ]; then
  echo "install.sh: run it as root to install on this host, or give --root DIR" >&2
  exit 2
fi
systemd_runs() { on_host && [ -d /run/systemd/system ]; }

if [ "$action" = uninstall ]; then
  systemd_runs && systemctl disable --now "$unit" >/dev/null 2>&1 || true
  rm -rf "$root/opt/perimeter-edge"
  rm -f "$root/usr/bin/perimeter-edge" "$root/lib/systemd/system/$unit" "$root/etc/systemd/system/multi-user.target.wants/$unit"
  if cmp -s "$bundle/root/etc/perimeter-edge/edge.conf" "$root/etc/perimeter-edge/edge.conf"; then
    rm -f "$root/etc/perimeter-edge/edge.conf"
    rmdir "$root/etc/perimeter-edge" 2>/dev/null || true
  fi
  systemd_runs && systemctl daemon-reload || true
  say "removed; kept $root/var/lib/perimeter-edge (edge identity, key and spool) and the $user user"
  exit 0
fi

systemd_runs && systemctl stop "$unit" >/dev/null 2>&1 || true

# The files: /opt/perimeter-edge replaced whole (no jar of an older version left on the class path).
mkdir -p "$root/opt" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/perimeter-edge"
rm -rf "$root/opt/perimeter-edge.new"
cp -a "$bundle/root/opt/perimeter-edge" "$root/opt/perimeter-edge.new"
rm -rf "$root/opt/perimeter-edge"
mv "$root/opt/perimeter-edge.new" "$root/opt/perimeter-edge"
ln -sfn /opt/perimeter-edge/bin/perimeter-edge "$root/usr/bin/perimeter-edge"
install -m 0644 "$bundle/root/lib/systemd/system/$unit" "$root/lib/systemd/system/$unit"
# The configuration is the administrator's once installed: a changed one is kept, the bundle's beside it.
conf="$root/etc/perimeter-edge/edge.conf"
if [ ! -e "$conf" ]; then
  install -m 0644 "$bundle/root/etc/perimeter-edge/edge.conf" "$conf"
elif ! cmp -s "$bundle/root/etc/perimeter-edge/edge.conf" "$conf"; then
  install -m 0644 "$bundle/root/etc/perimeter-edge/edge.conf" "$conf.dist"
  say "kept your $conf; this version's is $conf.dist"
fi

if on_host; then
  getent group "$user" >/dev/null || groupadd --system "$user"
  getent passwd "$user" >/dev/null || useradd --system --gid "$user" --home-dir /var/lib/perimeter-edge \
    --no-create-home --shell /usr/sbin/nologin --comment "Perimeter edge" "$user"
  # As the package does: the state's owner is put right only when the directory is not the user's.
  if [ ! -d /var/lib/perimeter-edge ]; then
    install -d -m 0700 -o "$user" -g "$user" /var/lib/perimeter-edge
  elif [ "$(stat -c %U /var/lib/perimeter-edge)" != "$user" ]; then
    chown -R "$user:$user" /var/lib/perimeter-edge
  fi
  chmod 0700 /var/lib/perimeter-edge
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable "$unit" >/dev/null 2>&1 || true
    [ -e /var/lib/perimeter-edge/credential ] && systemctl start "$unit" || true
  elif [ -d /etc/systemd/system ]; then
    mkdir -p /etc/systemd/system/multi-user.target.wants
    ln -sfn "/lib/systemd/system/$unit" "/etc/systemd/system/multi-user.target.wants/$unit"
  fi
  if ! ldconfig -p 2>/dev/null | grep -q 'libbpf\.so\.1 '; then
    say "warning: libbpf.so.1 not found; live capture needs it (Debian/Ubuntu: libbpf1)"
  fi
else
  mkdir -p "$root/var/lib/perimeter-edge"
  chmod 0700 "$root/var/lib/perimeter-edge"
fi
say "installed $(cat "$root/opt/perimeter-edge/VERSION") under ${root:-/}"
[ -e "$root/var/lib/perimeter-edge/credential" ] || \
  say "next: perimeter-edge enroll --cloud https://YOUR-CLOUD --token TOKEN && systemctl start $unit"
