#!/usr/bin/python3
"""Verify every DKIM signature of a message with dkimpy, offline.

usage: verify_dkim.py --keys FILE [--key NAME=TXT ...] [--expect N] [MESSAGE | -]

Keys come from a file of lines "<selector>._domainkey.<domain> <TXT value>" (the format
OpenDKIM's TestPublicKeys reads, so one file serves both verifiers) and/or from --key
options. A NAME without "._domainkey." is a bare selector and answers for any domain.
The message is read from MESSAGE, or from stdin when it is "-" or absent.

Prints one line per signature, "signature N (a=..., d=..., s=...): pass" or "... FAIL:
reason", and exits 0 only when the message has at least one signature (exactly N with
--expect) and every one of them verifies. dkim.verify() alone would check only the first
signature; this checks each one with DKIM.verify(idx=i).

Run it with Debian's interpreter (/usr/bin/python3, package python3-dkim): a python3
earlier on PATH may be a pyenv shim without the dkim module.
"""

import argparse
import logging
import sys

try:
    import dkim
    from dkim.util import parse_tag_value
except ImportError:
    sys.stderr.write("verify_dkim.py: the dkim module is missing (apt-get install python3-dkim)\n")
    sys.exit(2)


class Keys:
    def __init__(self):
        self.by_name = {}
        self.by_selector = {}

    def add(self, name, txt):
        name = name.strip().lower().rstrip(b".")
        txt = txt.strip()
        if b"._domainkey." in name:
            self.by_name[name] = txt
        else:
            self.by_selector[name] = txt

    def lookup(self, name, timeout=5):
        # dkimpy calls dnsfunc(name, timeout=...) with a bytes name ending in "."
        name = name.lower().rstrip(b".")
        if name in self.by_name:
            return self.by_name[name]
        return self.by_selector.get(name.split(b"._domainkey.", 1)[0])


class Collect(logging.Handler):
    # dkimpy logs its reasons at ERROR; DEBUG is its trace of intermediate values.
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def signature_tags(message):
    headers, _ = dkim.rfc822_parse(message)
    tags = []
    for name, value in headers:
        if name.lower() == b"dkim-signature":
            try:
                tags.append(parse_tag_value(value))
            except dkim.InvalidTagValueList as e:
                tags.append({b"error": str(e).encode()})
    return tags


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", help="key file: '<selector>._domainkey.<domain> <TXT>' per line")
    parser.add_argument("--key", action="append", default=[], help="NAME=TXT, repeatable")
    parser.add_argument("--expect", type=int, help="the number of signatures the message must have")
    parser.add_argument("message", nargs="?", default="-")
    args = parser.parse_args()

    keys = Keys()
    if args.keys:
        with open(args.keys, "rb") as f:
            for line in f:
                line = line.rstrip(b"\r\n")
                if line.strip() and not line.lstrip().startswith(b"#"):
                    name, txt = line.split(None, 1)
                    keys.add(name, txt)
    for item in args.key:
        name, _, txt = item.partition("=")
        keys.add(name.encode(), txt.encode())

    if args.message == "-":
        message = sys.stdin.buffer.read()
    else:
        with open(args.message, "rb") as f:
            message = f.read()

    try:
        tags = signature_tags(message)
    except dkim.MessageFormatError as e:
        print("message not parseable: FAIL: %s" % e)
        return 1
    if not tags:
        print("no DKIM-Signature field: FAIL")
        return 1
    failed = 0
    for i, tag in enumerate(tags):
        label = "signature %d (a=%s, d=%s, s=%s)" % (
            i, tag.get(b"a", b"?").decode(errors="replace"), tag.get(b"d", b"?").decode(errors="replace"),
            tag.get(b"s", b"?").decode(errors="replace"))
        collect = Collect()
        logger = logging.getLogger("verify_dkim.%d" % i)
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
        logger.addHandler(collect)
        try:
            ok = dkim.DKIM(message, logger=logger).verify(idx=i, dnsfunc=keys.lookup)
        except Exception as e:  # dkimpy raises for some malformed input instead of returning False
            ok = False
            collect.messages.append("%s: %s" % (type(e).__name__, e))
        if ok:
            print(label + ": pass")
        else:
            failed += 1
            reasons = [m for m in collect.messages if m] or ["the signature does not verify"]
            print(label + ": FAIL: " + reasons[-1])
    if args.expect is not None and args.expect != len(tags):
        print("expected %d signatures, found %d: FAIL" % (args.expect, len(tags)))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
