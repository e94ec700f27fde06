#!/usr/bin/env python3
"""A small HTTPS server that answers like a broken or refusing ACME CA,
for what no real CA can be made to do on purpose.  The first part of each
path names the behaviour: https://127.0.0.1:PORT/BEHAVIOUR/dir.

  double.py CERT KEY PORTFILE LOGFILE
"""
import json
import socketserver
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

PROBLEMS = {
    "rateLimited": 429, "rejectedIdentifier": 400, "caa": 403, "dns": 400,
    "connection": 400, "unauthorized": 403, "badCSR": 400,
    "externalAccountRequired": 401, "userActionRequired": 403,
    "serverInternal": 500, "malformed": 400, "accountDoesNotExist": 400,
    "badPublicKey": 400, "incorrectResponse": 403, "compound": 403,
    "invalidContact": 400, "unsupportedContact": 400,
    "unsupportedIdentifier": 400, "badSignatureAlgorithm": 400,
    "orderNotReady": 403, "tls": 400, "alreadyReplaced": 409,
}

lock = threading.Lock()
counts = {}


class ThreadingServer(socketserver.ThreadingMixIn, HTTPServer):
    daemon_threads = True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        with open(sys.argv[4], "a") as log:
            log.write("%s %s\n" % (self.command, self.path))

    def base(self):
        return "https://127.0.0.1:%d/%s" % (self.server.server_address[1],
                                            self.path.split("/")[1])

    def send(self, status, body, ctype="application/json", headers=()):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Replay-Nonce", "nonce-%f" % time.time())
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def directory(self):
        b = self.base()
        return json.dumps({
            "newNonce": b + "/nonce", "newAccount": b + "/account",
            "newOrder": b + "/order", "revokeCert": b + "/revoke",
            "keyChange": b + "/key-change",
            "meta": {"termsOfService": b + "/terms"}})

    def problem(self, kind):
        doc = {"type": "urn:ietf:params:acme:error:" + kind,
               "detail": "the double refuses: \x1b[31m" + kind,
               "status": PROBLEMS.get(kind, 400)}
        headers = []
        if kind == "rateLimited":
            headers.append(("Retry-After", "3600"))
        if kind == "userActionRequired":
            doc["instance"] = self.base() + "/action-needed"
        if kind in ("rejectedIdentifier", "caa", "compound"):
            doc["subproblems"] = [
                {"type": "urn:ietf:params:acme:error:" + kind,
                 "detail": "not for this name",
                 "identifier": {"type": "dns", "value": "bad.example"}},
                {"type": "urn:ietf:params:acme:error:caa",
                 "detail": "CAA forbids",
                 "identifier": {"type": "dns", "value": "caa.example"}}]
        self.send(doc["status"], json.dumps(doc),
                  "application/problem+json", headers)

    def answer(self):
        parts = self.path.split("/")
        mode, what = parts[1], "/".join(parts[2:])
        with lock:
            counts[(mode, what)] = counts.get((mode, what), 0) + 1
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if what == "nonce":
            return self.send(200, "")
        if mode == "malformed-json" and what == "dir":
            return self.send(200, '{"newNonce": "x", "newAccount": ')
        if mode == "server-error":
            return self.send(503, "<html>Service Unavailable</html>",
                             "text/html")
        if mode == "wrong-type" and what == "dir":
            return self.send(200, self.directory(), "text/html")
        if mode == "redirect-loop":
            self.send_response(302)
            self.send_header("Location", self.base() + "/dir")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if mode == "huge" and what == "dir":
            return self.send(200, " " * (3 * 1024 * 1024) + "{}")
        if mode == "endless" and what == "dir":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
            return None
        if mode == "not-directory" and what == "dir":
            return self.send(200, '{"hello": "world"}')
        if what == "dir":
            return self.send(200, self.directory())
        if mode == "bad-nonce" and what == "account":
            return self.problem("badNonce")
        if mode.startswith("problem-") and what == "account":
            return self.problem(mode[len("problem-"):])
        if mode == "account-ok-json" and what == "account":
            return self.send(201, "{not json", "application/json",
                             [("Location", self.base() + "/acct/1")])
        return self.send(404, "{}", "application/json")

    do_GET = do_POST = do_HEAD = answer


def main():
    cert, key, portfile = sys.argv[1:4]
    server = ThreadingServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()


if __name__ == "__main__":
    main()
