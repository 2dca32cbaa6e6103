"""One simulated user: a keep-alive HTTP/1.1 connection (the standard library's http.client)
with its own cookies, logged in through the real login form (with its CSRF token) or with an
API bearer token. Each request is timed and kept as a Sample; the session is used by one
thread only, so recording needs no lock.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import time
import urllib.parse
from dataclasses import dataclass

IDEMPOTENT = ("GET", "HEAD")
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Sample:
    label: str
    started: float  # time.perf_counter() when the request was sent
    seconds: float
    status: int  # 0 when the connection failed
    error: str = ""  # the exception, for a connection error

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        return json.loads(self.body)


class LoginFailed(RuntimeError):
    pass


class HttpSession:
    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 300.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.samples: list[Sample] = []
        self.recording = True
        self.connections = 0  # opened so far: keep-alive means one, unless the server closes
        self._connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
            self.connections += 1
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        label: str | None = None,
    ) -> Response | None:
        """Send one request and read the whole answer; None after a connection error (recorded
        as a sample with status 0; the next request opens a new connection)."""
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        while True:
            reused = self._connection is not None
            try:
                connection = self._connect()
                connection.request(method, path, body=body, headers=sent)
                answer = connection.getresponse()
                payload = answer.read()
                break
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                # A kept-alive connection the server has since closed: a browser sends a GET
                # again on a new connection, and so do we (never a POST: it could be twice).
                if not (reused and method in IDEMPOTENT and isinstance(exc, STALE)):
                    self._record(label or path, started, 0, f"{type(exc).__name__}: {exc}")
                    return None
        self._record(label or path, started, answer.status)
        self._keep_cookies(answer.headers)
        if answer.will_close:
            self.close()
        return Response(answer.status, answer.headers, payload)

    def _record(self, label: str, started: float, status: int, error: str = "") -> None:
        if self.recording:
            seconds = time.perf_counter() - started
            self.samples.append(Sample(label, started, seconds, status, error))

    def _keep_cookies(self, headers: http.client.HTTPMessage) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            expired = "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower()
            if expired or value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value

    def get(self, path: str, label: str | None = None) -> Response | None:
        return self.request("GET", path, label=label)

    def post_form(self, path: str, fields: dict[str, str], label: str | None = None):
        """A form post as a browser sends it, with the CSRF token from the cookie."""
        form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        body = urllib.parse.urlencode(form).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers, label)

    def post_json(self, path: str, data, headers: dict[str, str] | None = None, label=None):
        body = json.dumps(data).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/json", **(headers or {})}, label
        )

    def post_multipart(
        self,
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, bytes, str]],
        headers: dict[str, str] | None = None,
        label: str | None = None,
    ):
        """A multipart upload; `files` maps a field to (file name, content, content type)."""
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content, kind) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        kind = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, body, {"Content-Type": kind, **(headers or {})}, label)

    def login_form(self, username: str, password: str) -> None:
        """Log in as a browser does: fetch the form, post it with its CSRF token, follow the
        redirect home. Not recorded among the samples."""
        recording, self.recording = self.recording, False
        try:
            page = self.get("/login/")
            found = CSRF_FIELD.search(page.body) if page else None
            if found is None:
                raise LoginFailed(f"{username}: no login form at /login/")
            answer = self.post_form(
                "/login/",
                {
                    "username": username,
                    "password": password,
                    "csrfmiddlewaretoken": found[1].decode(),
                },
            )
            if answer is None or answer.status != 302 or "sessionid" not in self.cookies:
                status = answer.status if answer else "no answer"
                raise LoginFailed(f"{username}: the login form answered {status}")
        finally:
            self.recording = recording

    def login_token(self, username: str, password: str) -> str:
        """Get an API bearer token and send it with every later request."""
        recording, self.recording = self.recording, False
        try:
            answer = self.post_json(
                "/api/v1/auth/token", {"username": username, "password": password}
            )
        finally:
            self.recording = recording
        if answer is None or answer.status != 200:
            raise LoginFailed(f"{username}: the token endpoint answered {answer and answer.status}")
        token = answer.json()["token"]
        self.headers["Authorization"] = f"Bearer {token}"
        return token
