#!/usr/bin/python3
"""Makes real RFC 3464 DSNs with the Postfix test peer (tests/peers/README.md) and copies them here.

Sends one message per scenario to 127.0.0.1:2587 from bounce@sendscope.test with NOTIFY and
ENVID, waits for Postfix's reports in ~bounce/Maildir/{new,cur} and writes each one, matched by
the marker in its returned Message-ID, as postfix_<scenario>_<n>.eml. Run as root or as bounce.
"""
import glob
import os
import smtplib
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
MAILDIR = os.environ.get("SENDSCOPE_PEERS_BOUNCE_MAILDIR", "/home/bounce/Maildir")
SCENARIOS = [
    # name, recipient, NOTIFY
    ("user_unknown", "alice@sinkfail.test", "FAILURE"),
    ("mailbox_full", "bob@sinkdefer.test", "FAILURE,DELAY"),
    ("unreachable", "carol@down.test", "FAILURE,DELAY"),
    ("relayed", "dave@sinknodsn.test", "SUCCESS"),
    ("delivered", "user@sendscope.test", "SUCCESS"),
    ("async_fail", "erin@asyncfail.test", "FAILURE"),
]


def main():
    run = uuid.uuid4().hex[:10]
    markers = {}
    with smtplib.SMTP("127.0.0.1", 2587, timeout=30) as s:
        s.ehlo("generator.sendscope.test")
        for name, rcpt, notify in SCENARIOS:
            marker = f"{run}.{name}"
            markers[marker] = name
            body = (f"From: Sendscope <bounce@sendscope.test>\r\nTo: <{rcpt}>\r\n"
                    f"Subject: fixture {name}\r\nMessage-ID: <{marker}@gen.sendscope.test>\r\n"
                    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                    f"Fixture message for the {name} scenario.\r\n")
            s.sendmail("bounce@sendscope.test", [rcpt], body,
                       mail_options=["RET=HDRS", f"ENVID=env-{name}-{run}"],
                       rcpt_options=[f"NOTIFY={notify}", f"ORCPT=rfc822;{rcpt}"])
    found = {}
    deadline = time.time() + float(os.environ.get("WAIT", "25"))
    while time.time() < deadline:
        for path in glob.glob(os.path.join(MAILDIR, "new", "*")) + glob.glob(os.path.join(MAILDIR, "cur", "*")):
            if path in found:
                continue
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                continue
            for marker, name in markers.items():
                if marker.encode() in data:
                    found[path] = (name, data)
        time.sleep(1)
    counts = {}
    for path, (name, data) in sorted(found.items(), key=lambda kv: kv[0]):
        counts[name] = counts.get(name, 0) + 1
        out = os.path.join(HERE, f"postfix_{name}_{counts[name]}.eml")
        with open(out, "wb") as f:
            f.write(data)
        print(out)
    if not found:
        sys.exit("no DSN arrived: are the peers running (tests/peers/check-peers.sh)?")


if __name__ == "__main__":
    main()
