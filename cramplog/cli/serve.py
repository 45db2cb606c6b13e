"""Provides `cramplog serve`: the same app in a browser, for a phone on your own network.

The server (`cramplog.serve`) and its packages (textual-serve, aiohttp, segno: the `serve`
extra) load only here. A browser needs the key before anything opens, on every address; the
link with the key and its QR code are printed only to a terminal, never into a log
(`serve link` prints them again). `serve install` writes a systemd user service, like
`remind install`, and enables nothing.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..domain.reminder import units_folder
from ..errors import CramplogError, InvalidInput
from .companions import cramplog_argv, systemd_quote, unit_environment
from .context import AppContext, pass_app

UNIT = "cramplog-serve"
EXTRA = "pip install 'cramplog[serve]'"


def _address_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--host, --port, --url-host, --certfile, --keyfile: shared by serve, link and install."""
    path = click.Path(dir_okay=False, path_type=Path)
    for option in reversed(
        [
            click.option(
                "--host",
                default="127.0.0.1",
                show_default=True,
                callback=_host,
                help="Address to listen on: this machine only by default; your computer's "
                "address on your home network (or 0.0.0.0) for a phone.",
            ),
            click.option(
                "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
            ),
            click.option(
                "--url-host",
                metavar="NAME",
                callback=_host,
                help="Name or address the phone uses in the link (the certificate's name "
                "with --certfile); default: the listening address.",
            ),
            click.option("--certfile", type=path, help="TLS certificate (PEM) for https; see docs/serve.md."),
            click.option("--keyfile", type=path, help="The certificate's private key (PEM)."),
        ]
    ):
        command = option(command)
    return command


def _host(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An address or host name, checked before anything listens or prints a link."""
    from ..serve.addresses import check_host

    return None if value is None else check_host(value, str(param.name))


def _key_path() -> Path:
    from ..paths import config_file
    from ..serve.keys import KEY_FILE

    return Path(config_file()).parent / KEY_FILE


def _links(host: str, port: int, url_host: str | None, certfile: Path | None) -> list[str]:
    from ..serve.addresses import url, url_hosts

    scheme = "https" if certfile else "http"
    return [url(scheme, name, port) for name in url_hosts(host, url_host)]


def _check_tls(certfile: Path | None, keyfile: Path | None) -> None:
    if keyfile and not certfile:
        raise InvalidInput("--keyfile needs --certfile (the certificate it belongs to)", "keyfile")


def _imports() -> None:
    """Fail in one line when the `serve` extra is not installed."""
    try:
        import aiohttp  # noqa: F401
        import segno  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as exc:
        raise CramplogError(f"cramplog serve needs {exc.name}, which is not installed: {EXTRA}") from None


@click.group(invoke_without_command=True)
@_address_options
@click.option("--new-key", is_flag=True, help="Make a new key first: every signed-in browser must sign in again.")
@click.option(
    "--max-sessions",
    default=4,
    show_default=True,
    type=click.IntRange(1, 32),
    help="Browser sessions at once (each runs its own app, about 60 MB).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    url_host: str | None,
    certfile: Path | None,
    keyfile: Path | None,
    new_key: bool,
    max_sessions: int,
) -> None:
    """Serve the app to a browser: log a cramp from your phone on your own network.

    Your own network only, never the open internet. Every browser needs the key first; the
    link printed here carries it (as does its QR code). See docs/serve.md.

    \b
    Examples:
      cramplog serve
      cramplog serve --host 0.0.0.0
      cramplog serve --host 0.0.0.0 --url-host cramplog.home.arpa --certfile cert.pem --keyfile key.pem
      cramplog serve link --host 0.0.0.0
      cramplog serve install --host 0.0.0.0
    """
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    _check_tls(certfile, keyfile)
    _imports()
    from ..serve.addresses import is_loopback
    from ..serve.keys import Gate, load_key
    from ..serve.server import Options, tls_context
    from ..serve.server import serve as run

    key = load_key(_key_path(), renew=new_key)
    if certfile:
        tls_context(certfile, keyfile)  # a bad certificate is an error line before anything else
    app.repo  # noqa: B018  the journal opens (and is brought up to date) once, here, before any browser
    app.close()
    if app.db_override:  # each session's app finds the journal here, not on its command line
        os.environ["CRAMPLOG_DB"] = app.db_override
    command = shlex.join([sys.executable, "-m", "cramplog"])
    options = Options(host=host, port=port, certfile=certfile, keyfile=keyfile, max_sessions=max_sessions)
    if not certfile and not is_loopback(host):
        click.echo(
            "warning: no --certfile: your journal crosses the network unencrypted, readable by "
            "anyone on it; docs/serve.md shows how to make a certificate",
            err=True,
        )

    def listening(bound: list[tuple[str, int]]) -> None:
        port_now = bound[0][1] if bound else port
        links = _links(host, port_now, url_host, certfile)
        click.echo(f"Listening on {', '.join(links)}")
        click.echo("Your own network only, never the open internet. Ctrl+C stops.")
        if sys.stdout.isatty():
            _print_link(links[0], key)
        else:
            click.echo(
                "The key is not printed here (this output may be kept in a log): "
                "`cramplog serve link` prints the link with its QR code in a terminal."
            )
        sys.stdout.flush()

    run(options, Gate(key), command, listening)


def _print_link(link: str, key: str) -> None:
    """The link with the key, then its QR code: a phone's camera opens it."""
    full = f"{link}#key={key}"
    click.echo(f"\nOpen on your phone (the link holds the key: keep it to yourself):\n  {full}\n")
    # Dark on light on any terminal; piped or redirected, click leaves the colour codes out.
    click.echo(qr_text(full))


def qr_text(text: str) -> str:
    """`text` as a QR code in half blocks, dark on light whatever the terminal's colours."""
    import segno

    rows = [list(row) for row in segno.make(text, error="m").matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2]):
        cells = "".join(" ▄▀█"[2 * t + b] for t, b in zip(top, bottom))
        lines.append(f"\x1b[30;47m{cells}\x1b[0m")  # black (dark modules) on white
    return "\n".join(lines)


@serve.command("link")
@_address_options
def link(host: str, port: int, url_host: str | None, certfile: Path | None, keyfile: Path | None) -> None:
    """Print the link with the key and its QR code, for the server these options describe.

    \b
    Examples:
      cramplog serve link
      cramplog serve link --host 0.0.0.0 --port 8443 --certfile cert.pem
    """
    _check_tls(certfile, keyfile)
    _imports()
    from ..serve.keys import load_key

    key = load_key(_key_path())
    for address in _links(host, port, url_host, certfile):
        _print_link(address, key)


@serve.command("install")
@_address_options
@pass_app
def install(
    app: AppContext, host: str, port: int, url_host: str | None, certfile: Path | None, keyfile: Path | None
) -> None:
    """Write a systemd user service that serves the app (enables nothing).

    \b
    Examples:
      cramplog serve install --host 0.0.0.0
      cramplog serve install --host 0.0.0.0 --certfile ~/cramplog-tls/cert.pem --keyfile ~/cramplog-tls/key.pem
    """
    _check_tls(certfile, keyfile)
    _imports()  # a unit for a service that can't start was written, exit 0
    from ..paths import ensure_private_dir

    argv = [*cramplog_argv(app), "serve", "--host", host, "--port", str(port)]
    if url_host:
        argv += ["--url-host", url_host]
    for flag, value in (("--certfile", certfile), ("--keyfile", keyfile)):
        if value is not None:
            argv += [flag, str(value.expanduser().resolve())]
    folder = units_folder()
    ensure_private_dir(folder)
    written = app.write_output(folder / f"{UNIT}.service", service_unit(argv, unit_environment()).encode("utf-8"))
    click.echo(f"wrote {written}")
    click.echo(f"enable it with: systemctl --user enable --now {UNIT}.service")
    shown = [a for a in argv[argv.index("serve") + 1 :] if a]
    click.echo(f"the link for your phone: cramplog serve link {shlex.join(shown)}")


def service_unit(command: list[str], environment: list[tuple[str, str]]) -> str:
    """The service file's text: started at login, restarted if it fails (quoted as `remind
    install`'s: systemd.syntax(7), specifiers and variables escaped)."""
    exec_line = " ".join(systemd_quote(part, exec_line=True) for part in command)
    env_lines = "".join(f"Environment={systemd_quote(f'{k}={v}', exec_line=False)}\n" for k, v in environment)
    return (
        "[Unit]\nDescription=cramplog: the app in a browser on your own network\n"
        "After=network-online.target\n\n"
        f"[Service]\n{env_lines}ExecStart={exec_line}\nRestart=on-failure\nRestartSec=5\n\n"
        "[Install]\nWantedBy=default.target\n"
    )
