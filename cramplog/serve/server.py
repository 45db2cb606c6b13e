"""Provides the aiohttp application that serves the cramplog app, and `serve` that runs it.

Every request passes `guard` first: without a valid session cookie nothing but the sign-in
page is served, and the websocket that would start an app process answers 401 before any
process exists. The key is checked only in `POST /login` (from a form body, never a URL), in
constant time, behind the throttle; a right key earns the cookie (`keys.Gate`). Behind the
guard, textual-serve's `Server.handle_websocket` starts one `cramplog` process per browser
session (at most `max_sessions` at once): the same app, writing through the same repository
as the shell and the terminal app. The access log names the method, the path without its
query, and the status; nothing secret ever reaches it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.server import Server as TextualServer

from ..errors import CramplogError, InvalidInput
from .keys import COOKIE, Gate, Throttle
from .pages import app_page, login_page

log = logging.getLogger("cramplog.serve")

NONCE = "cramplog.nonce"
"""Where a request keeps its pages' script nonce (the Content-Security-Policy names it)."""


@dataclass(frozen=True)
class Options:
    host: str = "127.0.0.1"
    port: int = 8000
    certfile: Path | None = None
    keyfile: Path | None = None
    max_sessions: int = 4
    """App processes at once (each is a whole app, ~60 MB): more browsers wait for a free one."""
    font_size: int = 16
    """The largest font the page picks (CSS px); a narrow screen gets a smaller one."""

    @property
    def scheme(self) -> str:
        return "https" if self.certfile else "http"


def tls_context(certfile: Path, keyfile: Path | None) -> ssl.SSLContext:
    """A server TLS context from a PEM certificate (chain) and its private key."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(str(certfile), str(keyfile) if keyfile else None)
    except FileNotFoundError as exc:
        raise InvalidInput(f"cannot read {exc.filename}: no such file", "certfile") from None
    except PermissionError as exc:
        raise InvalidInput(f"cannot read {exc.filename}: permission denied", "certfile") from None
    except (ssl.SSLError, OSError):
        raise InvalidInput(
            f"{certfile} and {keyfile or certfile} are not a PEM certificate and its matching private key", "certfile"
        ) from None
    return context


class AccessLog(AbstractAccessLogger):
    """One line for each refused request; the path without its query; no headers, no cookie."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        if response.status >= 400:
            self.logger.info("%s %s %s %d", request.remote, request.method, request.path[:100], response.status)


class CramplogServer:
    """The guard, the sign-in, the page, and textual-serve's websocket behind them."""

    def __init__(self, options: Options, gate: Gate, command: str, throttle: Throttle | None = None) -> None:
        self.options = options
        self.gate = gate
        self.throttle = throttle or Throttle()
        self.sessions = 0
        # textual-serve's server runs the app processes; its own page and logging are unused.
        self.textual = TextualServer(command, host=options.host, port=options.port, title="cramplog")
        self.secure = options.certfile is not None

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self.guard], client_max_size=4096)
        app.add_routes(
            [
                web.get("/", self.index),
                web.post("/login", self.login),
                web.get("/ws", self.websocket),
                web.get("/download/{key}", self.textual.handle_download),
                web.static("/static", self.textual.statics_path, follow_symlinks=False),
            ]
        )
        return app

    # -- the guard -------------------------------------------------------------------------------

    @web.middleware
    async def guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        request[NONCE] = secrets.token_urlsafe(12)
        response = await self._guarded(request, handler)
        self._harden(request, response)
        return response

    async def _guarded(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        address = request.remote or "?"
        wait = self.throttle.wait(address)
        if wait > 0:
            return self._too_many(request, wait)
        if request.path == "/login":
            return await handler(request)
        state = self.gate.cookie_state(request.cookies.get(COOKIE))
        if state == "valid":
            return await handler(request)
        if state == "forged":
            self.throttle.failed(address)
            log.warning("%s: a session cookie this server did not make (%s)", address, request.path[:100])
        if request.path == "/" and request.method == "GET":
            message = (
                "Your sign-in has expired. " if state == "expired" else ""
            ) + "This journal needs its key before anything opens."
            return self._page(request, login_page(request[NONCE], message, days=self.gate.session_days), 401)
        return web.Response(status=401, text="sign in first\n")

    def _too_many(self, request: web.Request, wait: float) -> web.Response:
        seconds = max(1, round(wait))
        message = f"Too many wrong keys. Try again in {seconds} s."
        response = self._page(
            request, login_page(request[NONCE], message, auto=False, days=self.gate.session_days), 429
        )
        response.headers["Retry-After"] = str(seconds)
        return response

    def _page(self, request: web.Request, text: str, status: int = 200) -> web.Response:
        return web.Response(status=status, text=text, content_type="text/html", charset="utf-8")

    def _harden(self, request: web.Request, response: web.StreamResponse) -> None:
        if isinstance(response, web.WebSocketResponse) or response.prepared:
            return
        headers = response.headers
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Content-Security-Policy"] = (
            f"default-src 'self'; script-src 'self' 'nonce-{request[NONCE]}'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
            "form-action 'self'; base-uri 'none'"
        )
        if response.content_type == "text/html" or response.status >= 400:
            headers["Cache-Control"] = "no-store"

    # -- the routes ------------------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.Response:
        try:
            size = int(request.query.get("fontsize", str(self.options.font_size)))
        except ValueError:
            size = self.options.font_size
        return self._page(request, app_page(request[NONCE], size))

    async def login(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        try:
            form = await request.post()
        except ValueError:  # larger than client_max_size, or not a form
            form = None
        given = form.get("key") if form is not None else None
        if isinstance(given, str) and self.gate.key_matches(given.strip()):
            self.throttle.succeeded(address)
            log.info("%s signed in", address)
            response = web.HTTPSeeOther("/")
            response.set_cookie(
                COOKIE,
                self.gate.new_cookie(),
                max_age=self.gate.session_seconds,
                path="/",
                httponly=True,
                samesite="Lax",
                secure=self.secure,
            )
            return response
        wait = self.throttle.failed(address)
        log.warning("%s: wrong key (next try in %.0f s)", address, wait)
        message = f"That key is not right. You can try again in {max(1, round(wait))} s."
        return self._page(request, login_page(request[NONCE], message, auto=False, days=self.gate.session_days), 403)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1].rstrip("/") != request.host:
            log.warning("%s: a websocket from another site (%s) refused", request.remote, origin[:100])
            return web.Response(status=403, text="another site's page may not open this journal\n")
        if self.sessions >= self.options.max_sessions:
            return web.Response(status=503, text=f"{self.sessions} sessions are open; close one first\n")
        self.sessions += 1
        log.info("%s: session opened (%d open)", request.remote, self.sessions)
        try:
            return await self.textual.handle_websocket(request)
        finally:
            self.sessions -= 1
            log.info("%s: session closed (%d open)", request.remote, self.sessions)


def configure_logging() -> None:
    """Server lines on stderr, timed; textual-serve's and aiohttp's warnings only."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    for name, level in (
        ("cramplog.serve", logging.INFO),
        ("aiohttp.access", logging.INFO),
        ("textual-serve", logging.WARNING),
        ("aiohttp", logging.WARNING),
    ):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


def serve(options: Options, gate: Gate, command: str, listening: Callable[[list[tuple[str, int]]], None]) -> None:
    """Serve until SIGINT or SIGTERM; `listening` gets the bound (host, port) pairs first."""
    context = tls_context(options.certfile, options.keyfile) if options.certfile else None
    configure_logging()
    asyncio.run(_serve(CramplogServer(options, gate, command), context, listening))


async def _serve(
    server: CramplogServer, context: ssl.SSLContext | None, listening: Callable[[list[tuple[str, int]]], None]
) -> None:
    runner = web.AppRunner(server.application(), access_log_class=AccessLog, handle_signals=False, shutdown_timeout=5)
    await runner.setup()
    try:
        site = web.TCPSite(runner, server.options.host, server.options.port, ssl_context=context)
        try:
            await site.start()
        except OSError as exc:
            where = f"{server.options.host}:{server.options.port}"
            raise CramplogError(f"cannot listen on {where}: {exc.strerror or exc}") from None
        listening([(str(a[0]), int(a[1])) for a in runner.addresses])
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        log.info("stopping")
    finally:
        await runner.cleanup()
