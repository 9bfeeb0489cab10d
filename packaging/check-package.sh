#!/usr/bin/env bash
# Installs the built Debian package on this machine and checks it as an administrator would meet it: lintian, install
# with its dependencies, the command, the units (systemd-analyze verify, enabled, not started), the system user, the
# conffiles and their mode, an upgrade over itself that keeps an edited env file, remove, purge.
#
#   packaging/check-package.sh [path/to/quantum-safety_VERSION_all.deb]    (as root; default: packaging/target/)
#
# It changes the machine (dpkg, /etc, a system user), so it runs in CI and on disposable machines, and it leaves the
# machine as it found it: the package purged, and the system user, which a purge keeps, deleted when this run made it.
set -euo pipefail

readonly PACKAGE=quantum-safety
readonly UNITS=(quantum-safety-exporter.service quantum-safety-kernel.service quantum-safety-archive.service)
readonly ENV_FILES=(/etc/quantum/safety-telemetry.env /etc/quantum/safety-kernel.env /etc/quantum/safety-archive.env)
readonly JAR=/usr/share/quantum-safety/quantum-safety.jar
readonly LAUNCHER=/usr/bin/quantum-safety

passed=0
step() { printf '== %s\n' "$*"; }
fail() { printf 'check-package: FAILED: %s\n' "$*" >&2; printf 'check-package: %d passed, 1 failed\n' "$passed"; exit 1; }
ok() { printf '   ok: %s\n' "$*"; passed=$((passed + 1)); }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ge 1 ]; then
  deb="$1"
else
  shopt -s nullglob
  debs=("$here"/target/${PACKAGE}_*_all.deb)
  shopt -u nullglob
  [ ${#debs[@]} -eq 1 ] || fail "expected one $here/target/${PACKAGE}_*_all.deb, found ${#debs[@]}; build it with: mvn -B -pl packaging -am package -DskipTests"
  deb="${debs[0]}"
fi
[ -f "$deb" ] || fail "$deb does not exist"
deb="$(readlink -f "$deb")"

[ "$(id -u)" -eq 0 ] || fail "run as root: it installs and purges $PACKAGE"
for tool in dpkg-deb dpkg-query dpkg-statoverride apt-get lintian systemd-analyze systemctl getent pgrep; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (apt-get install lintian systemd procps)"
done
if dpkg-query --show --showformat='${db:Status-Status}' "$PACKAGE" 2>/dev/null | grep -qv '^not-installed$'; then
  fail "$PACKAGE is already installed or has config files left; purge it first (dpkg -P $PACKAGE) so this check starts clean"
fi

user_existed=false
getent passwd "$PACKAGE" >/dev/null && user_existed=true
override_added=false
log="$(mktemp)"

cleanup() {
  rm -f "$log"
  if [ "$override_added" = true ] && dpkg-statoverride --list "${ENV_FILES[1]}" >/dev/null 2>&1; then
    dpkg-statoverride --remove "${ENV_FILES[1]}" >/dev/null 2>&1 || echo "check-package: could not remove the stat override of ${ENV_FILES[1]}" >&2
  fi
  if dpkg-query --show "$PACKAGE" >/dev/null 2>&1; then
    dpkg -P "$PACKAGE" >/dev/null 2>&1 || echo "check-package: could not purge $PACKAGE; run dpkg -P $PACKAGE" >&2
  fi
  if [ "$user_existed" = false ] && getent passwd "$PACKAGE" >/dev/null; then
    deluser --quiet --system "$PACKAGE" >/dev/null 2>&1 || echo "check-package: could not delete user $PACKAGE" >&2
  fi
}
trap cleanup EXIT

version="$(dpkg-deb --field "$deb" Version)"
step "package $deb (version $version)"

step "lintian (errors and warnings fail unless overridden; each override says why above it)"
# (--show-overrides would make overridden warnings fail too; the IT test checks each override has its reason.)
lintian --info --display-info --fail-on error,warning "$deb" || fail "lintian found errors or warnings (above)"
ok "lintian clean ($(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./usr/share/lintian/overrides/$PACKAGE | grep -c "^$PACKAGE: ") overrides)"

step "install with its dependencies"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" >"$log" 2>&1 \
  || { cat "$log" >&2; fail "apt-get install $deb"; }
[ "$(dpkg-query --show --showformat='${db:Status-Status}' "$PACKAGE")" = installed ] || fail "$PACKAGE is not installed after apt-get"
ok "installed"

step "the command"
printed="$("$LAUNCHER" --version)" || fail "$LAUNCHER --version exited $?"
echo "   $printed"
# The jar names the Maven version; the package carries its Debian form (- becomes ~).
[[ "$printed" == "quantum-safety ${version//\~/-} "* ]] || fail "$LAUNCHER --version printed '$printed', not version ${version//\~/-}"
ok "$LAUNCHER --version"

step "the units"
for unit in "${UNITS[@]}"; do
  file="/lib/systemd/system/$unit"
  [ -f "$file" ] || fail "$file is missing"
  # As SystemdUnitTest runs it: systemd-analyze only warns about many mistakes, so any line about the unit fails.
  out="$(systemd-analyze verify "$file" 2>&1)" || fail "systemd-analyze verify $file: $out"
  if grep -q "$unit" <<<"$out"; then fail "systemd-analyze verify $file: $out"; fi
  state="$(systemctl is-enabled "$unit" 2>&1 || true)"
  [ "$state" = enabled ] || fail "$unit is '$state', not enabled"
  if [ -d /run/systemd/system ]; then
    state="$(systemctl is-active "$unit" 2>&1 || true)"
    [ "$state" != active ] && [ "$state" != activating ] || fail "$unit is $state: the package must not start it"
  fi
  ok "$unit verified, enabled"
done
if pgrep -f -- "-jar $JAR" >/dev/null; then fail "a process runs $JAR: the package must not start the units"; fi
ok "no unit started"

step "the system user and the env files"
IFS=: read -r _ _ _ _ _ home shell < <(getent passwd "$PACKAGE") || fail "no user $PACKAGE"
[ "$home" = /nonexistent ] && [ "$shell" = /usr/sbin/nologin ] || fail "user $PACKAGE has home $home and shell $shell"
uid="$(id -u "$PACKAGE")"
[ "$uid" -lt 1000 ] || fail "user $PACKAGE has uid $uid, not a system uid"
ok "system user $PACKAGE (uid $uid, $home, $shell)"
conffiles="$(dpkg-query --show --showformat='${Conffiles}' "$PACKAGE")"
for env_file in "${ENV_FILES[@]}"; do
  grep -q "^ $env_file " <<<"$conffiles" || fail "$env_file is not a conffile of $PACKAGE: $conffiles"
  [ "$(stat -c '%U:%G %a' "$env_file")" = "root:$PACKAGE 640" ] || fail "$env_file is $(stat -c '%U:%G %a' "$env_file"), not root:$PACKAGE 640"
  ok "$env_file: conffile, root:$PACKAGE 640"
done

step "upgrade over itself with an edited env file and an administrator's stat override (postinst runs again)"
edit="QUANTUM_SAFETY_REDIS_ADDR=redis://127.0.0.1:6390"
echo "$edit" >>"${ENV_FILES[0]}"
dpkg-statoverride --update --add root root 0600 "${ENV_FILES[1]}"
override_added=true
dpkg -i --force-confold "$deb" >"$log" 2>&1 || { cat "$log" >&2; fail "dpkg -i over the installed package"; }
tail -n 1 "${ENV_FILES[0]}" | grep -qx "$edit" || fail "the upgrade lost the edit of ${ENV_FILES[0]}"
[ "$(stat -c '%U:%G %a' "${ENV_FILES[0]}")" = "root:$PACKAGE 640" ] || fail "${ENV_FILES[0]} is $(stat -c '%U:%G %a' "${ENV_FILES[0]}") after the upgrade"
[ "$(stat -c '%U:%G %a' "${ENV_FILES[1]}")" = "root:root 600" ] || fail "postinst overrode dpkg-statoverride: ${ENV_FILES[1]} is $(stat -c '%U:%G %a' "${ENV_FILES[1]}")"
dpkg-statoverride --remove "${ENV_FILES[1]}"
[ "$(id -u "$PACKAGE")" = "$uid" ] || fail "the upgrade changed the uid of $PACKAGE"
ok "edit kept, mode, stat override and user unchanged"

step "remove"
dpkg -r "$PACKAGE" >"$log" 2>&1 || { cat "$log" >&2; fail "dpkg -r $PACKAGE"; }
for gone in "$JAR" "$LAUNCHER" "${UNITS[@]/#//lib/systemd/system/}"; do
  [ ! -e "$gone" ] || fail "$gone is still there after dpkg -r"
done
for env_file in "${ENV_FILES[@]}"; do
  [ -f "$env_file" ] || fail "dpkg -r removed the conffile $env_file (only a purge may)"
done
ok "jar, launcher and units gone; env files kept"

step "purge"
dpkg -P "$PACKAGE" >"$log" 2>&1 || { cat "$log" >&2; fail "dpkg -P $PACKAGE"; }
for env_file in "${ENV_FILES[@]}"; do
  [ ! -e "$env_file" ] || fail "$env_file is still there after dpkg -P"
done
[ ! -e /etc/quantum ] || fail "/etc/quantum is still there after dpkg -P: $(ls -A /etc/quantum)"
for unit in "${UNITS[@]}"; do
  [ ! -e "/etc/systemd/system/multi-user.target.wants/$unit" ] && [ ! -L "/etc/systemd/system/multi-user.target.wants/$unit" ] \
    || fail "the enablement link of $unit is still there after dpkg -P"
done
if find /var/lib/systemd/deb-systemd-helper-enabled -name 'quantum-safety-*' 2>/dev/null | grep -q .; then
  fail "deb-systemd-helper still records the units after dpkg -P"
fi
dpkg-query --show "$PACKAGE" >/dev/null 2>&1 && fail "dpkg still knows $PACKAGE after dpkg -P"
# Debian keeps a purged package's system user (files it owned would pass to a later account with its uid).
getent passwd "$PACKAGE" >/dev/null || fail "the purge deleted the user $PACKAGE; the package keeps it"
ok "env files, /etc/quantum, enablement links and their state gone; user $PACKAGE kept"

echo "check-package: every check passed for $PACKAGE $version"
echo "check-package: $passed passed, 0 failed"
