#!/usr/bin/python3
"""check_peers.py: smoke check of the loopback mail peers started by start-peers.sh.

Sends through every port and asserts the replies real software gives. Standard library only
(run with Debian's /usr/bin/python3). Environment (see README.md): SENDSCOPE_PEERS_DIR,
SENDSCOPE_PEERS_CA, SENDSCOPE_PEERS_TLS_NAME, SENDSCOPE_SINK_DUMP_DIR, SENDSCOPE_PEERS_BOUNCE_MAILDIR,
SENDSCOPE_PEERS_DNS.
Exit 0 when every check passed, 1 otherwise.
"""
import base64
import glob
import imaplib
import os
import pwd
import random
import smtplib
import socket
import ssl
import struct
import sys
import time
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

HOST = "127.0.0.1"
PEERS_DIR = os.environ.get("SENDSCOPE_PEERS_DIR", "/var/tmp/sendscope-peers")
CA = os.environ.get("SENDSCOPE_PEERS_CA", os.path.join(PEERS_DIR, "tls", "ca.pem"))
TLS_NAME = os.environ.get("SENDSCOPE_PEERS_TLS_NAME", "mx.sendscope.test")
DUMP_DIR = os.environ.get("SENDSCOPE_SINK_DUMP_DIR", os.path.join(PEERS_DIR, "sink-dump"))
USER = os.environ.get("SENDSCOPE_PEERS_USER", "bounce")
PASSWORD = os.environ.get("SENDSCOPE_PEERS_PASSWORD", "secret")
DNS = os.environ.get("SENDSCOPE_PEERS_DNS", "127.0.0.153")
DOMAIN = "sendscope.test"
TIMEOUT = 10
RUN = uuid.uuid4().hex[:12]          # ties this run's messages, DSNs and dumps together

failures = []


class CheckFailed(Exception):
    pass


def check(name):
    def wrap(fn):
        def run():
            t = time.monotonic()
            try:
                detail = fn()
                print(f"ok    {name}" + (f"  ({detail})" if detail else "") + f"  [{(time.monotonic() - t) * 1000:.0f} ms]")
            except Exception as e:  # noqa: BLE001 - report any failure and keep going
                failures.append(name)
                print(f"FAIL  {name}: {type(e).__name__}: {e}")
        run.__name__ = fn.__name__
        CHECKS.append(run)
        return run
    return wrap


CHECKS = []


def expect(reply, code, *texts):
    got_code, got_text = reply[0], reply[1].decode(errors="replace") if isinstance(reply[1], bytes) else str(reply[1])
    if got_code != code or any(t not in got_text for t in texts):
        raise CheckFailed(f"expected {code} {' '.join(texts)!r}, got {got_code} {got_text!r}")
    return f"{got_code} {got_text.splitlines()[0] if got_text else ''}".strip()


def tls_context():
    ctx = ssl.create_default_context(cafile=CA)      # verifies the chain and the host name
    return ctx


def message(sender, rcpt, subject):
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, rcpt, subject
    m["Date"], m["Message-ID"] = formatdate(localtime=True), make_msgid(domain=DOMAIN)
    m.set_content(f"peers smoke check {RUN}\n")
    return m.as_bytes()


def smtp(port, **kw):
    return smtplib.SMTP(HOST, port, local_hostname="check.sendscope.test", timeout=TIMEOUT, **kw)


def starttls_named(s, name=TLS_NAME, ctx=None):
    """STARTTLS verifying the certificate against NAME (smtplib verifies against the connect host)."""
    s._host = name
    try:
        return s.starttls(context=ctx or tls_context())
    finally:
        s._host = HOST


def maildir_of(user):
    return os.path.join(pwd.getpwnam(user).pw_dir, "Maildir")


def wait_for_file(pattern_dirs, needles, seconds):
    """First file under any of pattern_dirs (globs) whose content contains every needle."""
    deadline = time.monotonic() + seconds
    while True:
        for pattern in pattern_dirs:
            for path in glob.glob(pattern):
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                if all(n.encode() in data for n in needles):
                    return path, data
        if time.monotonic() >= deadline:
            raise CheckFailed(f"nothing containing {needles} in {pattern_dirs} after {seconds}s")
        time.sleep(0.1)


# ---------------------------------------------------------------- smtp-sink instances

@check("2525 smtp-sink accepts (250) and dumps the message")
def sink_accept():
    token = f"sink-{RUN}"
    with smtp(2525) as s:
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt(f"{token}@sink.test"), 250)
        r = expect(s.data(message(f"bounce@{DOMAIN}", f"{token}@sink.test", token)), 250)
    if DUMP_DIR == "off":
        return r + "; dump disabled"
    path, _ = wait_for_file([os.path.join(DUMP_DIR, "*", "*")], [token, "X-Rcpt-Args:"], 5)
    return f"{r}; dump {path}"


@check("2526 smtp-sink: 550 5.1.1 at RCPT")
def sink_550():
    with smtp(2526) as s:
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        return expect(s.rcpt("x@sinkfail.test"), 550, "5.1.1", "User unknown")


@check("2527 smtp-sink: 452 4.2.2 at RCPT")
def sink_452():
    with smtp(2527) as s:
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        return expect(s.rcpt("x@sinkdefer.test"), 452, "4.2.2", "Mailbox full")


@check("2528 smtp-sink: connection dropped at RCPT")
def sink_drop():
    s = smtp(2528)
    s.ehlo()
    expect(s.mail(f"bounce@{DOMAIN}"), 250)
    try:
        reply = s.rcpt("x@sinkdrop.test")
    except smtplib.SMTPServerDisconnected:
        return "disconnected without a reply"
    finally:
        s.close()
    raise CheckFailed(f"expected a dropped connection, got {reply}")


@check("2529 smtp-sink: 421 at MAIL")
def sink_421():
    s = smtp(2529)
    try:
        s.ehlo()
        return expect(s.mail(f"bounce@{DOMAIN}"), 421)
    finally:
        s.close()


@check("2530 smtp-sink (fast, no dump) accepts; 2531 hides DSN")
def sink_fast_nodsn():
    with smtp(2530) as s:
        s.ehlo()
        if not s.has_extn("dsn"):
            raise CheckFailed("2530 should advertise DSN")
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt("x@sink.test"), 250)
        expect(s.data(message(f"bounce@{DOMAIN}", "x@sink.test", "fast")), 250)
    with smtp(2531) as s:
        s.ehlo()
        if s.has_extn("dsn"):
            raise CheckFailed("2531 advertises DSN")
    return "2530 250; 2531 EHLO without DSN"


# ---------------------------------------------------------------- full Postfix

@check("2587 Postfix: EHLO, STARTTLS verified with the test CA, delivery to a local Maildir")
def postfix_starttls():
    token = f"local-{RUN}"
    with smtp(2587) as s:
        s.ehlo()
        for ext in ("starttls", "dsn", "pipelining", "size", "enhancedstatuscodes", "8bitmime", "smtputf8", "chunking"):
            if not s.has_extn(ext):
                raise CheckFailed(f"EHLO lacks {ext.upper()}: {s.esmtp_features}")
        if s.has_extn("auth"):
            raise CheckFailed("2587 must not offer AUTH")
        expect(starttls_named(s), 220)
        version = s.sock.version()
        cert = s.sock.getpeercert()
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt(f"user@{DOMAIN}"), 250)
        body = message(f"bounce@{DOMAIN}", f"user@{DOMAIN}", token)
        expect(s.data(body), 250)
    md = maildir_of("user")
    path, data = wait_for_file([md + "/new/*", md + "/cur/*"], [token], 10)
    if b"using TLS" not in data:
        raise CheckFailed("Received: header does not record TLS")
    san = [v for k, v in cert.get("subjectAltName", ()) if k == "DNS"]
    return f"{version}, SAN {san}, delivered to {path}"


@check("2587 Postfix: the test CA is required (no system CA trusts it)")
def postfix_untrusted():
    with smtp(2587) as s:
        s.ehlo()
        try:
            starttls_named(s, ctx=ssl.create_default_context())
        except ssl.SSLCertVerificationError as e:
            return f"rejected without the CA: {e.verify_message}"
    raise CheckFailed("certificate verified without the test CA")


@check("2587 Postfix: 550 5.1.1 for an unknown local user")
def postfix_unknown_user():
    with smtp(2587) as s:
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        r = expect(s.rcpt(f"nosuch-{RUN}@{DOMAIN}"), 550, "5.1.1", "User unknown in local recipient table")
        expect(s.rcpt(f"user@{DOMAIN}"), 250)          # the session goes on after a reject
        return r


@check("2587 Postfix: real soft failures at RCPT (defer.test 450 4.4.1, full@ 452 4.2.2)")
def postfix_soft():
    with smtp(2587) as s:
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        r1 = expect(s.rcpt("x@defer.test"), 450, "4.4.1")
        r2 = expect(s.rcpt(f"full@{DOMAIN}"), 452, "4.2.2")
        expect(s.rcpt("x@fail.test"), 550, "5.1.1")
        return f"{r1} | {r2}"


@check("2587 Postfix: down.test accepted, deferred, delay DSN in bounce's Maildir")
def postfix_deferral_dsn():
    envid = f"defer-{RUN}"
    with smtp(2587) as s:
        s.ehlo()
        expect(s.mail(f"bounce@{DOMAIN}", ["RET=HDRS", f"ENVID={envid}"]), 250)
        expect(s.rcpt("x@down.test", ["NOTIFY=DELAY,FAILURE", "ORCPT=rfc822;x@down.test"]), 250)
        expect(s.data(message(f"bounce@{DOMAIN}", "x@down.test", envid)), 250)
    md = os.environ.get("SENDSCOPE_PEERS_BOUNCE_MAILDIR") or maildir_of("bounce")
    path, data = wait_for_file([md + "/new/*", md + "/cur/*"], [f"Original-Envelope-Id: {envid}", "Action: delayed"], 15)
    if b"multipart/report" not in data or b"Status: 4.4.1" not in data:
        raise CheckFailed(f"{path} is not a delay DSN with Status 4.4.1")
    return f"delayed 4.4.1 DSN {os.path.basename(path)[:24]}..."


@check("2465 Postfix: implicit TLS verified with the test CA")
def postfix_implicit_tls():
    with smtplib.SMTP_SSL(HOST, 2465, local_hostname="check.sendscope.test", timeout=TIMEOUT,
                          context=tls_context()) as s:   # verifies the IP SAN 127.0.0.1
        version = s.sock.version()
        s.ehlo()
        if s.has_extn("starttls"):
            raise CheckFailed("STARTTLS offered inside TLS")
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt(f"x-{RUN}@discard.test"), 250)
        return expect(s.data(message(f"bounce@{DOMAIN}", "x@discard.test", "implicit")), 250) + f", {version}"


@check("2586 Postfix submission: STARTTLS required, then AUTH PLAIN/LOGIN via Dovecot")
def postfix_submission():
    b64 = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
    with smtp(2586) as s:
        s.ehlo()
        if s.has_extn("auth"):
            raise CheckFailed("AUTH offered before STARTTLS")
        expect(s.docmd("AUTH", "PLAIN " + b64(f"\0{USER}\0{PASSWORD}")), 530, "5.7.0")
        expect(s.mail(f"bounce@{DOMAIN}"), 530, "STARTTLS")
        expect(starttls_named(s), 220)
        s.ehlo()
        auth = s.esmtp_features.get("auth", "")
        if "PLAIN" not in auth or "LOGIN" not in auth:
            raise CheckFailed(f"AUTH after STARTTLS is {auth!r}")
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt(f"user@{DOMAIN}"), 554, "5.7.1")      # not authenticated: refused
        s.rset()
        expect(s.docmd("AUTH", "PLAIN " + b64(f"\0{USER}\0wrong")), 535, "5.7.8")
        r = expect(s.docmd("AUTH", "PLAIN " + b64(f"\0{USER}\0{PASSWORD}")), 235, "2.7.0")
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt(f"user@{DOMAIN}"), 250)
        expect(s.data(message(f"bounce@{DOMAIN}", f"user@{DOMAIN}", f"submission-{RUN}")), 250)
    with smtp(2586) as s:
        s.ehlo()
        starttls_named(s)
        s.ehlo()
        s.user, s.password = USER, PASSWORD
        code, resp = s.auth("LOGIN", s.auth_login)
        expect((code, resp), 235)
    return r + "; LOGIN 235"


@check("2588 Postfix: minimal EHLO (no STARTTLS/PIPELINING/DSN/8BITMIME/ENHANCEDSTATUSCODES)")
def postfix_minimal():
    with smtp(2588) as s:
        s.ehlo()
        present = [e for e in ("starttls", "pipelining", "dsn", "8bitmime", "enhancedstatuscodes",
                               "smtputf8", "chunking", "auth") if s.has_extn(e)]
        if present:
            raise CheckFailed(f"advertises {present}")
        expect(s.mail(f"bounce@{DOMAIN}"), 250)
        expect(s.rcpt("x@discard.test"), 250)
        expect(s.data(message(f"bounce@{DOMAIN}", "x@discard.test", "minimal")), 250)
        return "EHLO: " + " ".join(sorted(s.esmtp_features))


# ---------------------------------------------------------------- Dovecot

def imap_check(conn):
    typ, _ = conn.login(USER, PASSWORD)
    if typ != "OK":
        raise CheckFailed("LOGIN failed")
    typ, data = conn.select("INBOX", readonly=True)
    n = int(data[0])
    typ, found = conn.search(None, "BODY", f'"defer-{RUN}"')
    conn.logout()
    return n, found[0].split()


@check("1143 Dovecot IMAP: STARTTLS verified with the test CA, LOGIN bounce, DSN found")
def imap_starttls():
    c = imaplib.IMAP4(HOST, 1143, timeout=TIMEOUT)
    if "STARTTLS" not in c.capabilities:
        raise CheckFailed("no STARTTLS")
    c.starttls(ssl_context=tls_context())
    n, found = imap_check(c)
    if not found:
        raise CheckFailed(f"delay DSN with ENVID defer-{RUN} not found by SEARCH BODY")
    return f"{n} messages in INBOX"


@check("1993 Dovecot IMAPS verified with the test CA, LOGIN bounce")
def imaps():
    c = imaplib.IMAP4_SSL(HOST, 1993, ssl_context=tls_context(), timeout=TIMEOUT)
    n, _ = imap_check(c)
    return f"{n} messages in INBOX"


# ---------------------------------------------------------------- dnsmasq (test DNS)

QTYPE = {"A": 1, "MX": 15, "TXT": 16, "AAAA": 28}
RCODE = {0: "NOERROR", 2: "SERVFAIL", 3: "NXDOMAIN", 5: "REFUSED"}


def dns_name(data, pos):
    """A possibly compressed name at pos: (name, position after it)."""
    labels, end = [], None
    while True:
        n = data[pos]
        if n & 0xC0 == 0xC0:
            end = end or pos + 2
            pos = ((n & 0x3F) << 8) | data[pos + 1]
            continue
        if n == 0:
            return ".".join(labels), end or pos + 1
        labels.append(data[pos + 1:pos + 1 + n].decode())
        pos += 1 + n


def dns_query(name, qtype):
    """One UDP query to the test DNS: (rcode name, [answers]) with "PREF HOST" for MX, addresses for A."""
    qid = random.randrange(65536)
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    q += struct.pack(">HH", QTYPE[qtype], 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(3)
        s.sendto(q, (DNS, 53))
        data = s.recv(4096)
    rid, flags, qd, an = struct.unpack(">HHHH", data[:8])
    if rid != qid:
        raise CheckFailed(f"reply id {rid} != {qid}")
    pos = 12
    for _ in range(qd):
        _, pos = dns_name(data, pos)
        pos += 4
    answers = []
    for _ in range(an):
        _, pos = dns_name(data, pos)
        rtype, _, _, rdlen = struct.unpack(">HHIH", data[pos:pos + 10])
        pos += 10
        rdata = data[pos:pos + rdlen]
        if rtype == 15:
            answers.append(f"{struct.unpack('>H', rdata[:2])[0]} {dns_name(data, pos + 2)[0]}")
        elif rtype == 1:
            answers.append(socket.inet_ntoa(rdata))
        pos += rdlen
    return RCODE.get(flags & 0xF, str(flags & 0xF)), answers


@check(f"dnsmasq on {DNS}:53: the .test zone (MX failover, A only, NXDOMAIN, MX without address)")
def dns_zone():
    expected = [
        ("mx-failover.test", "MX", "NOERROR", ["10 mx-dead.mx-failover.test", "20 mx-live.mx-failover.test"]),
        ("mx-dead.mx-failover.test", "A", "NOERROR", ["127.0.0.9"]),
        ("mx-live.mx-failover.test", "A", "NOERROR", ["127.0.0.1"]),
        ("a-only.test", "MX", "NOERROR", []),
        ("a-only.test", "A", "NOERROR", ["127.0.0.1"]),
        ("nxdomain.test", "MX", "NXDOMAIN", []),
        ("mx-noaddr.test", "MX", "NOERROR", ["10 ghost.mx-noaddr.test"]),
        ("ghost.mx-noaddr.test", "A", "NXDOMAIN", []),
        ("mx-partial.test", "MX", "NOERROR", ["10 ghost.mx-partial.test", "20 mx-live.mx-failover.test"]),
        ("no-mail.test", "MX", "NOERROR", []),
        ("no-mail.test", "A", "NOERROR", []),
    ]
    for name, qtype, rcode, answers in expected:
        got = dns_query(name, qtype)
        if got != (rcode, answers) and (got[0], sorted(got[1])) != (rcode, sorted(answers)):
            raise CheckFailed(f"{qtype} {name}: expected {rcode} {answers}, got {got[0]} {got[1]}")
    # Nothing leaves the machine: a name outside .test is refused, not forwarded.
    rcode, _ = dns_query("example.com", "A")
    if rcode != "REFUSED":
        raise CheckFailed(f"A example.com: expected REFUSED (no upstream), got {rcode}")
    return f"{len(expected)} answers as configured; example.com REFUSED"


def main():
    if not os.path.isfile(CA):
        print(f"FAIL  test CA not found: {CA} (run postfix-setup.sh / start-peers.sh)")
        return 1
    t = time.monotonic()
    for c in CHECKS:
        c()
    total = len(CHECKS)
    print(f"{total - len(failures)}/{total} checks passed in {time.monotonic() - t:.1f} s (run {RUN})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
