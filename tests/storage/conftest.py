"""Storage tests run on both back ends: the SQLite file and a PostgreSQL database.

A test taking `repo` (and not reading the SQLite file itself through `db_path`, nor marked
`sqlite_only`) runs twice.
The PostgreSQL side is a throwaway cluster this session starts (`tests/pgcluster.py`) and
stops at the end; each test gets a fresh database. Where no server binaries are installed
the PostgreSQL side is skipped, saying so.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest

from cramplog.paths import JournalURL
from cramplog.storage.repository import JournalRepository
from tests.pgcluster import Cluster, server_bin

NO_SERVER = (
    "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin; "
    "install the `postgresql` package (.ci/run does)"
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    own = inspect.signature(metafunc.function).parameters
    if "repo" in own and "db_path" not in own and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bindir = server_bin()
    if bindir is None:
        pytest.skip(NO_SERVER)
    cluster = Cluster(bindir).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """The URL of a fresh, empty database on the test cluster."""
    return pg_cluster.new_database()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def repo(backend: str, db_path, request: pytest.FixtureRequest) -> Iterator[JournalRepository]:
    target = JournalURL(request.getfixturevalue("pg_url")) if backend == "postgresql" else db_path
    repository = JournalRepository.open(target)
    yield repository
    repository.close()
