"""`cramplog serve` over HTTP: nothing without the key, constant-time checks, a brake, no secret in logs.

Requests are plain HTTP (urllib, a raw websocket handshake), as a stranger on the network
would send them; the server is the real command (conftest.start).
"""

from __future__ import annotations

import base64
import http.client
import os
import subprocess
import sys
import time
import urllib.parse

import pytest

from cramplog.serve.keys import COOKIE, Gate, Throttle, load_key

from .conftest import Served, env


def request(
    served: Served, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    parsed = urllib.parse.urlsplit(served.url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    all_headers = dict(headers or {})
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def upgrade(served: Served, cookie: str | None = None, origin: str | None = None) -> http.client.HTTPResponse:
    """A websocket handshake for /ws, as a browser opens the app."""
    headers = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
    }
    if cookie:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    if origin:
        headers["Origin"] = origin
    return request(served, "GET", "/ws?width=80&height=24", headers=headers)


def sign_in(served: Served, key: str) -> http.client.HTTPResponse:
    return request(served, "POST", "/login", body=urllib.parse.urlencode({"key": key}))


def test_without_the_key_every_door_is_shut_and_no_app_starts(served):
    assert request(served, "GET", "/").status == 401
    assert upgrade(served).status == 401
    forged = Gate("x" * 43).new_cookie()  # made with another key
    assert upgrade(served, cookie=forged).status == 401
    # A forged cookie is a wrong guess: the brake now answers 429 before looking at anything.
    assert request(served, "GET", "/static/js/textual.js").status in (401, 429)
    assert request(served, "GET", "/download/anything").status in (401, 429)
    wrong = sign_in(served, served.key[:-1] + ("A" if served.key[-1] != "A" else "B"))
    assert wrong.status in (403, 429)
    time.sleep(0.5)
    assert served.descendants() == [], "a request without the key started a process"


def test_a_wrong_key_is_slowed_and_the_right_one_opens_the_app(served):
    assert sign_in(served, "guess-1").status == 403
    throttled = sign_in(served, served.key)  # even the right key waits out the brake
    assert throttled.status == 429 and int(throttled.getheader("Retry-After")) >= 1
    time.sleep(1.1)
    right = sign_in(served, served.key)
    assert right.status == 303 and right.getheader("Location") == "/"
    cookie_header = right.getheader("Set-Cookie")
    assert "HttpOnly" in cookie_header and "SameSite=Lax" in cookie_header and served.key not in cookie_header
    cookie = cookie_header.split(";", 1)[0].split("=", 1)[1]
    page = request(served, "GET", "/", headers={"Cookie": f"{COOKIE}={cookie}"})
    text = page.body.decode()
    assert page.status == 200 and "textual.js" in text
    for secret in ("-m cramplog", str(served.db), str(served.home), served.key, "googleapis"):
        assert secret not in text, f"the page shows {secret!r}"
    assert "nonce-" in page.getheader("Content-Security-Policy")
    assert upgrade(served, cookie=cookie, origin="http://evil.example").status == 403
    assert served.descendants() == []
    opened = upgrade(served, cookie=cookie, origin=served.url.rstrip("/"))
    assert opened.status == 101
    deadline = time.monotonic() + 10
    while not served.descendants() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert served.descendants(), "the signed-in websocket started the app"
    log = served.log()
    assert served.key not in log and cookie not in log
    assert "wrong key" in log and "session opened" in log


def test_the_key_is_printed_only_to_a_terminal(served):
    assert served.key not in served.log()
    assert "cramplog serve link" in served.log()
    shown = served.cramplog("serve", "link")
    assert shown.returncode == 0 and f"#key={served.key}" in shown.stdout
    assert "\x1b" not in shown.stdout and "\u2588" in shown.stdout, "piped: the QR code without colour codes"
    in_terminal = in_a_terminal(
        [sys.executable, "-m", "cramplog", "--db", str(served.db), "serve", "link"], env(served.home)
    )
    assert f"#key={served.key}" in in_terminal
    assert "\x1b[30;47m" in in_terminal, "in a terminal the QR code is drawn dark on light"


def in_a_terminal(argv: list[str], environ: dict[str, str]) -> str:
    """What `argv` writes to a terminal (a pseudo-terminal as its stdout)."""
    import pty

    main, child = pty.openpty()
    process = subprocess.Popen(argv, stdout=child, stderr=subprocess.DEVNULL, env=environ)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode()


# -- the key and the brake, without a server ---------------------------------------------------


def test_gate_compares_keys_and_cookies(tmp_path):
    path = tmp_path / "config" / "serve_key"
    key = load_key(path)
    assert len(key) >= 43 and oct(path.stat().st_mode)[-3:] == "600"
    assert load_key(path) == key and load_key(path, renew=True) != key
    gate = Gate(key)
    assert not gate.key_matches("") and not gate.key_matches(key + " ") and not gate.key_matches("é" * 43)
    now = 1_000_000.0
    cookie = gate.new_cookie(now)
    assert gate.cookie_state(cookie, now) == "valid"
    assert gate.cookie_state(cookie, now + gate.session_seconds + 1) == "expired"
    expiry, nonce, mac = cookie.split(".")
    assert gate.cookie_state(f"{int(expiry) + 10**6}.{nonce}.{mac}", now) == "forged"  # a longer life
    assert gate.cookie_state(cookie[:-1] + ("0" if cookie[-1] != "0" else "1"), now) == "forged"
    assert gate.cookie_state(None) == "missing" and gate.cookie_state("a.b", now) == "forged"
    assert Gate(load_key(path, renew=True)).cookie_state(cookie, now) == "forged"  # a new key signs out


def test_short_key_file_is_refused(tmp_path):
    from cramplog.errors import InvalidInput

    path = tmp_path / "serve_key"
    path.write_text("short\n")
    with pytest.raises(InvalidInput, match="shorter than"):
        load_key(path)


def test_throttle_doubles_per_address_and_brakes_a_crowd():
    brake = Throttle(first=1.0, most=8.0, burst=100, window=60.0)
    assert brake.wait("a", now=0) == 0
    assert [brake.failed("a", now=t) for t in (0, 1, 3, 7, 15)] == [1, 2, 4, 8, 8]
    assert brake.wait("a", now=15) == pytest.approx(8.0) and brake.wait("b", now=15) == 0
    brake.succeeded("a")
    assert brake.wait("a", now=16) == 0 and brake.failed("a", now=16) == 1
    crowd = Throttle(first=1.0, burst=5, window=60.0)
    for n in range(5):
        crowd.failed(f"10.0.0.{n}", now=n)
    assert crowd.wait("10.0.0.99", now=10) == pytest.approx(50.0), "five wrong guesses in a minute brake everyone"
    assert crowd.wait("10.0.0.99", now=61) == 0


# -- the command's own errors and the service ---------------------------------------------------


def run_cli(tmp_path, *args):
    import subprocess
    import sys

    from .conftest import env

    return subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(tmp_path / "j.db"), *args],
        env=env(tmp_path / "home") | {"XDG_CONFIG_HOME": str(tmp_path / "xdg")},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_bad_tls_files_are_one_line_and_nothing_listens(tmp_path):
    (tmp_path / "cert.pem").write_text("not a certificate\n")
    for args in (
        ["--keyfile", str(tmp_path / "cert.pem")],
        ["--certfile", str(tmp_path / "cert.pem"), "--keyfile", str(tmp_path / "cert.pem")],
        ["--certfile", str(tmp_path / "missing.pem")],
    ):
        done = run_cli(tmp_path, "serve", "--port", "0", *args)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
        assert "Listening" not in done.stdout


def test_install_writes_a_user_service_and_enables_nothing(tmp_path):
    done = run_cli(tmp_path, "serve", "install", "--host", "0.0.0.0", "--port", "8443")
    assert done.returncode == 0, done.stderr
    unit = tmp_path / "xdg" / "systemd" / "user" / "cramplog-serve.service"
    text = unit.read_text()
    assert oct(unit.stat().st_mode)[-3:] == "600"
    assert "-m cramplog --db" in text and "serve --host 0.0.0.0 --port 8443" in text
    assert "Restart=on-failure" in text and "WantedBy=default.target" in text
    assert "systemctl --user enable --now cramplog-serve.service" in done.stdout


def test_an_address_that_is_none_is_refused_before_anything_listens_or_prints(tmp_path):
    from cramplog.serve.addresses import check_host

    assert check_host("192.168.1.10") == "192.168.1.10" and check_host("[::1]") == "::1"
    assert check_host("cramplog.home.arpa") == "cramplog.home.arpa" and check_host("0.0.0.0") == "0.0.0.0"
    for bad in (
        "9999999999999999999999999999999",
        "bad host",
        "-x.example",
        "a" * 64 + ".example",
        "9" * 300,
        "exämple.org",
        "1.2.3",
    ):
        done = subprocess.run(
            [sys.executable, "-m", "cramplog", "serve", "link", "--host", bad],
            env=env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2 and done.stderr.startswith("error: --host must be an IP address or a host name")
        assert done.stdout == "" and "Traceback" not in done.stderr
