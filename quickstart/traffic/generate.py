"""Traffic for the quick start's sample APIs: what their users do, with personal data, and a few attacks.

    python3 generate.py --shop http://127.0.0.1:18081 --shop https://127.0.0.1:18441 \\
        --payments http://127.0.0.1:18082 --payments https://127.0.0.1:18442 [--duration 60] [--har out.har]

Each round signs users in, reads their profiles, orders, accounts and payments, searches, signs a user up and pays.
The attacks come early, so that findings show within the first batches: one token walking over every user id
(broken object level authorization), SQL injection probes in the search, and a login brute force (no rate limit).
Runs until --duration seconds have passed (0: until stopped), printing a progress line every 5 seconds.
--canary-* values are planted in requests (the quick-start test checks they never reach the cloud).
"""

import argparse
import http.client
import json
import random
import ssl
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

DEMO_PASSWORD = "correct-horse-battery-staple"


class Client:
    """Keep-alive connections per base URL; every exchange counted, and recorded when a HAR is asked for."""

    def __init__(self, har):
        # The sample APIs use self-signed certificates made at their start, on loopback.
        self.tls = ssl._create_unverified_context()
        self.connections = {}
        self.har = har
        self.calls = 0
        self.failures = 0

    def call(self, base, method, path, body=None, token=None):
        url = urlsplit(base)
        headers = {"Accept": "application/json", "User-Agent": "perimeter-quickstart-traffic/1.0"}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        started = time.time()
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again once
            connection = self._connection(url)
            try:
                connection.request(method, path, body=payload, headers=headers)
                response = connection.getresponse()
                text = response.read()
                break
            except (OSError, http.client.HTTPException):
                connection.close()
                self.connections.pop(url.netloc + url.scheme, None)
                if attempt == 2:
                    self.failures += 1
                    return None, None
        self.calls += 1
        if self.har is not None:
            self.har.record(base, method, path, headers, payload, response, text, started)
        try:
            return response.status, json.loads(text) if text else None
        except ValueError:
            return response.status, None

    def _connection(self, url):
        key = url.netloc + url.scheme
        if key not in self.connections:
            if url.scheme == "https":
                self.connections[key] = http.client.HTTPSConnection(url.hostname, url.port, context=self.tls, timeout=10)
            else:
                self.connections[key] = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        return self.connections[key]


class HarRecorder:
    """Writes the exchanges as a HAR 1.2 document: the bundled replay for machines without eBPF is made this way."""

    def __init__(self, path):
        self.path = path
        self.entries = []

    def record(self, base, method, path, headers, payload, response, text, started):
        request = {"method": method, "url": base + path, "httpVersion": "HTTP/1.1",
                   "headers": [{"name": "Host", "value": urlsplit(base).netloc}]
                              + [{"name": k, "value": v} for k, v in headers.items()],
                   "queryString": [], "cookies": [], "headersSize": -1, "bodySize": len(payload or b"")}
        if payload:
            request["postData"] = {"mimeType": "application/json", "text": payload.decode()}
        self.entries.append({
            "startedDateTime": datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="milliseconds"),
            "time": round((time.time() - started) * 1000, 3),
            "request": request,
            "response": {"status": response.status, "statusText": response.reason, "httpVersion": "HTTP/1.1",
                         "headers": [{"name": k, "value": v} for k, v in response.getheaders()], "cookies": [],
                         "content": {"size": len(text), "mimeType": response.getheader("Content-Type", ""),
                                     "text": text.decode("utf-8", "replace")},
                         "redirectURL": "", "headersSize": -1, "bodySize": len(text)},
            "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0},
            "serverIPAddress": urlsplit(base).hostname})

    def save(self):
        document = {"log": {"version": "1.2", "creator": {"name": "perimeter-quickstart-traffic", "version": "1.0"},
                            "entries": self.entries}}
        self.path.write_text(json.dumps(document, separators=(",", ":")))


class Traffic:
    def __init__(self, args, data, client):
        self.args = args
        self.users = data["users"]
        self.orders = data["orders"]
        self.payments = data["payments"]
        self.client = client
        self.random = random.Random(7)
        self.attacks = 0

    def shop(self):
        return self.random.choice(self.args.shop)

    def pay(self):
        return self.random.choice(self.args.payments)

    def sign_in(self, user):
        _, shop = self.client.call(self.shop(), "POST", "/api/login",
                                   {"email": user["email"], "password": DEMO_PASSWORD})
        _, bank = self.client.call(self.pay(), "POST", "/v1/login",
                                   {"email": user["email"], "password": DEMO_PASSWORD})
        return (shop or {}).get("token"), (bank or {}).get("access_token")

    def ordinary_round(self):
        user = self.random.choice(self.users)
        shop_token, bank_token = self.sign_in(user)
        uid = user["id"]
        self.client.call(self.shop(), "GET", f"/api/users/{uid}", token=shop_token)
        _, orders = self.client.call(self.shop(), "GET", f"/api/users/{uid}/orders", token=shop_token)
        for order in (orders or {}).get("orders", [])[:2]:
            self.client.call(self.shop(), "GET", f"/api/orders/{order['id']}", token=shop_token)
        self.client.call(self.shop(), "GET", "/api/search?q=" + quote(user["last_name"][:3].lower()))
        self.client.call(self.pay(), "GET", f"/v1/accounts/{uid}", token=bank_token)
        self.client.call(self.pay(), "GET", f"/v1/customers/{uid}/payment-methods", token=bank_token)
        own = [p for p in self.payments if p["user_id"] == uid]
        if own:
            self.client.call(self.pay(), "GET", f"/v1/payments/{own[0]['id']}", token=bank_token)
        self.client.call(self.pay(), "POST", "/v1/payments", {
            "amount": round(self.random.uniform(5, 300), 2), "currency": "EUR",
            "card_number": self.args.canary_card or self.random.choice(self.payments)["card_number"],
            "iban": self.args.canary_iban or self.random.choice(self.payments)["iban"]}, token=bank_token)
        self.client.call(self.shop(), "POST", "/api/users", {
            "first_name": "Jo", "last_name": "Example",
            "email": self.args.canary_email or f"new.user{self.random.randint(1000, 9999)}@example.org",
            "phone": self.args.canary_phone or "+44 20 7946 0999", "role": "admin"})

    def object_walk(self):
        """One signed-in user reads every user id: each answer is 200, which is the vulnerability."""
        token, _ = self.sign_in(self.users[0])
        base = self.shop()
        for user in self.users:
            self.client.call(base, "GET", f"/api/users/{user['id']}", token=token)
            self.attacks += 1

    def sql_injection(self):
        for probe in ("' OR 1=1--", "x' UNION SELECT email, password FROM users--", "1; DROP TABLE users"):
            self.client.call(self.shop(), "GET", "/api/search?q=" + quote(probe))
            self.attacks += 1

    def login_brute_force(self, attempts=320):
        """More than 300 attempts a minute on one endpoint from one client, never throttled."""
        victim = self.users[1]["email"]
        base = self.shop()
        for n in range(attempts):
            password = self.args.canary_password if n == 0 and self.args.canary_password else f"guess-{n:04d}"
            self.client.call(base, "POST", "/api/login", {"email": victim, "password": password})
            self.attacks += 1


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shop", action="append", required=True, help="base URL of the shop API (repeatable)")
    parser.add_argument("--payments", action="append", required=True, help="base URL of the payments API (repeatable)")
    parser.add_argument("--data", type=Path, default=here.parent / "sample-api" / "data.json")
    parser.add_argument("--duration", type=float, default=0, help="seconds to run; 0 runs until stopped")
    parser.add_argument("--har", type=Path, help="also record every exchange into this HAR file")
    for kind in ("email", "card", "iban", "phone", "password"):
        parser.add_argument(f"--canary-{kind}", help=f"a {kind} to plant in requests")
    args = parser.parse_args()

    har = HarRecorder(args.har) if args.har else None
    client = Client(har)
    traffic = Traffic(args, json.loads(args.data.read_text()), client)
    started = time.monotonic()
    next_report = started + 5
    print(f"traffic: calling {len(args.shop) + len(args.payments)} sample API addresses"
          + (f" for {args.duration:.0f} s" if args.duration else " until stopped"), flush=True)
    try:
        traffic.ordinary_round()
        traffic.object_walk()
        traffic.sql_injection()
        traffic.login_brute_force()
        while not args.duration or time.monotonic() - started < args.duration:
            traffic.ordinary_round()
            time.sleep(0.2)
            if time.monotonic() >= next_report:
                print(f"traffic: {client.calls} calls ({traffic.attacks} of them attacks, {client.failures} failed) "
                      f"in {time.monotonic() - started:.0f} s", flush=True)
                next_report += 5
    except KeyboardInterrupt:
        pass
    finally:
        if har:
            har.save()
    print(f"traffic: done, {client.calls} calls ({traffic.attacks} attacks, {client.failures} failed)", flush=True)
    return 0 if client.calls else 1


if __name__ == "__main__":
    sys.exit(main())
