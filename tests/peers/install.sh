#!/bin/sh
# install.sh: install the real mail peers used by the integration tests (Debian 12, root, no systemd).
#
# Idempotent and non-interactive. Nothing is started: a policy-rc.d that forbids service starts is put
# in place first (Debian's docker images already ship one; a bare VM does not), and Postfix is
# preselected as "No configuration" so its postinst neither asks nor writes a main.cf
# (postfix-setup.sh writes the configuration). dnsmasq-base, not dnsmasq: the program without a service
# (start-peers.sh runs it as the loopback test DNS).
set -eu

PACKAGES="postfix dovecot-imapd python3-dkim opendkim opendkim-tools swaks libnet-ssleay-perl openssl dnsmasq-base"

die() { echo "install.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "must run as root"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found (Debian 12 expected)"

export DEBIAN_FRONTEND=noninteractive

# 1. No daemon may start from a package's maintainer scripts.
if [ ! -x /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# written by sendscope tests/peers/install.sh: no service starts from dpkg\nexit 101\n' \
        > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
fi

# 2. The only debconf question among these packages.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

# 3. Install what is missing (skip apt entirely when everything is already there).
missing=""
for p in $PACKAGES; do
    st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    case "$st" in ii*) ;; *) missing="$missing $p" ;; esac
done
if [ -n "$missing" ]; then
    echo "install.sh: installing:$missing"
    apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null \
        || die "apt-get update failed"
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $PACKAGES \
        || die "apt-get install failed"
else
    echo "install.sh: all packages already installed"
fi

# 4. Check that what the other scripts call is really there.
for b in postconf postfix postmap smtp-sink smtp-source dovecot doveconf doveadm swaks opendkim openssl dnsmasq; do
    command -v "$b" >/dev/null 2>&1 || [ -x "/usr/sbin/$b" ] || die "missing program after install: $b"
done
/usr/bin/python3 -c 'import dkim' 2>/dev/null || die "/usr/bin/python3 cannot import dkim (python3-dkim)"
perl -MNet::SSLeay -e 1 2>/dev/null || die "Net::SSLeay missing: swaks would have no --tls"
echo "install.sh: ok ($(dpkg-query -W -f='postfix ${Version}' postfix), $(dpkg-query -W -f='dovecot ${Version}' dovecot-core))"
