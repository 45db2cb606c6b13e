"""A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` + `pg_ctl` on 127.0.0.1.

The cluster lives in a temporary folder, listens on a free port of 127.0.0.1 and on a Unix
socket in that folder, trusts local connections (nothing leaves the machine) and is stopped
and deleted by `stop()`. Run as root, the server runs as the `postgres` user, as it must.
Each pytest-xdist worker starts its own (about 1.5 s): nothing is shared between workers but
the choice of a port, which another process can take between asking and binding (`start`).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def server_bin() -> Path | None:
    """The folder holding `initdb` and `pg_ctl`, or None where no server is installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="cramplog-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            import pwd

            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as, *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=self.root)

    def _port_taken(self) -> bool:
        """Whether the last start failed because another process bound our port first."""
        log = self.root / "log"
        return log.exists() and "Address already in use" in log.read_text(errors="replace")

    def start(self, *, tls_name: str | None = None) -> Cluster:
        """Start the server; with `tls_name`, TLS on with a self-signed certificate for that host
        name (as Debian's stock "snakeoil" one), written to `self.certificate`."""
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        tls = " " + self._self_signed(tls_name) if tls_name is not None else ""
        for attempt in range(5):
            options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c full_page_writes=off"
            try:
                self._run(
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options + " -c max_connections=60" + tls,
                    "-w",
                    "-l",
                    str(self.root / "log"),
                    "start",
                )
                break
            except subprocess.CalledProcessError:
                # The free port was taken between `_free_port` and the server's bind (another
                # worker's cluster, a browser's driver): ask for another one.
                if attempt == 4 or not self._port_taken():
                    raise
                (self.root / "log").unlink()
                self.port = _free_port()
        return self

    @property
    def certificate(self) -> Path:
        return self.root / "server.crt"

    def _self_signed(self, name: str) -> str:
        key = self.root / "server.key"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                f"/CN={name}",
                "-addext",
                f"subjectAltName=DNS:{name}",
                "-keyout",
                str(key),
                "-out",
                str(self.certificate),
            ],
            check=True,
            capture_output=True,
        )
        os.chmod(key, 0o600)
        if self._as:
            import pwd

            owner = pwd.getpwnam("postgres")
            for path in (key, self.certificate):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        return f"-c ssl=on -c ssl_cert_file={self.certificate} -c ssl_key_file={key}"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", *, socket_dir: bool = False) -> str:
        if socket_dir:
            return f"postgresql://postgres@/{database}?host={self.root}&port={self.port}"
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """A fresh empty database; its URL."""
        name = f"j_{uuid.uuid4().hex[:12]}"
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)
