"""The quick start's "payments" API on Python, standard library only (http.server + ssl).

CPython's ssl module loads the system's shared libssl, so its HTTPS port shows the sensor's uprobes on libssl.so;
its HTTP port shows syscall capture.

    python3 payments.py --data ../data.json --http-port 18082 --https-port 18442 --tls-dir DIR

It is deliberately careless, so that the edge has something to find: one endpoint answers full card numbers, any
signed-in caller reads any account.
"""

import argparse
import json
import secrets
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO_PASSWORD = "correct-horse-battery-staple"


class Payments:
    """The API's data and its answers, shared by the HTTP and the HTTPS server."""

    def __init__(self, data):
        self.users = {u["id"]: u for u in data["users"]}
        self.payments = {p["id"]: p for p in data["payments"]}
        self.sessions = {}
        self.lock = threading.Lock()

    def answer(self, method, path, headers, body):
        parts = [p for p in path.split("?")[0].split("/") if p]
        if parts[:1] != ["v1"]:
            return 404, {"error": "not found"}
        route = parts[1:]
        if method == "GET" and route == ["health"]:
            return 200, {"status": "ok", "runtime": "python " + ssl.OPENSSL_VERSION}
        if method == "POST" and route == ["login"]:
            user = next((u for u in self.users.values() if body and u["email"] == body.get("email")), None)
            if not user or body.get("password") != DEMO_PASSWORD:
                return 401, {"error": "invalid credentials"}
            token = secrets.token_urlsafe(24)
            with self.lock:
                self.sessions[token] = user["id"]
            return 200, {"access_token": token, "token_type": "Bearer"}
        auth = headers.get("Authorization", "")
        caller = self.sessions.get(auth[7:]) if auth.startswith("Bearer ") else None
        if caller is None:
            return 401, {"error": "sign in first"}
        if method == "GET" and len(route) == 2 and route[0] == "payments":
            payment = self.payments.get(_number(route[1]))
            # The full card number goes out unmasked: what PCI DSS forbids and API3 reports.
            return (200, payment) if payment else (404, {"error": "no such payment"})
        if method == "GET" and len(route) == 3 and route[0] == "customers" and route[2] == "payment-methods":
            methods = [{"type": "card", "card_last4": "************" + p["card_number"][-4:], "iban": p["iban"]}
                       for p in self.payments.values() if p["user_id"] == _number(route[1])]
            return 200, {"customer_id": _number(route[1]), "payment_methods": methods}
        if method == "GET" and len(route) == 2 and route[0] == "accounts":
            user = self.users.get(_number(route[1]))
            if not user:
                return 404, {"error": "no such account"}
            iban = next((p["iban"] for p in self.payments.values() if p["user_id"] == user["id"]), None)
            return 200, {"id": user["id"], "holder_name": user["first_name"] + " " + user["last_name"],
                         "email": user["email"], "phone": user["phone"], "iban": iban}
        if method == "POST" and route == ["payments"]:
            if not body or "amount" not in body:
                return 400, {"error": "amount required"}
            with self.lock:
                pid = max(self.payments) + 1
                self.payments[pid] = {"id": pid, "user_id": caller, "amount": body["amount"], "currency": "EUR",
                                      "card_number": body.get("card_number", ""), "iban": body.get("iban", ""),
                                      "status": "pending"}
            return 201, {"id": pid, "status": "pending"}
        return 404, {"error": "not found"}


def _number(text):
    return int(text) if text.isdigit() else -1


def handler_for(api):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            status, answer = api.answer(self.command, self.path, self.headers, body)
            text = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(text)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(text)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format, *args):
            pass  # the traffic carries personal data; the edge is the one that looks at it

    return Handler


def certificate(directory):
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    key, cert = directory / "key.pem", directory / "cert.pem"
    if not key.exists() or not cert.exists():
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=here.parent / "data.json")
    parser.add_argument("--http-port", type=int, default=18082)
    parser.add_argument("--https-port", type=int, default=18442)
    parser.add_argument("--tls-dir", type=Path, default=here / ".tls")
    args = parser.parse_args()

    api = Payments(json.loads(args.data.read_text()))
    plain = ThreadingHTTPServer(("127.0.0.1", args.http_port), handler_for(api))
    secure = ThreadingHTTPServer(("127.0.0.1", args.https_port), handler_for(api))
    secure.socket = certificate(args.tls_dir).wrap_socket(secure.socket, server_side=True)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    print(f"payments (python, {ssl.OPENSSL_VERSION}) on http://127.0.0.1:{args.http_port} "
          f"and https://127.0.0.1:{args.https_port}", flush=True)
    try:
        secure.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
