"""The test cluster itself (tests/pgcluster.py): several at once (one per pytest-xdist worker)
each find a port of their own, even when the free port they were given is taken before the
server binds it."""

from __future__ import annotations

import socket

import pytest

from tests.pgcluster import Cluster, server_bin

from .conftest import NO_SERVER


def test_a_port_taken_before_the_server_binds_it_is_exchanged_for_another():
    bindir = server_bin()
    if bindir is None:
        pytest.skip(NO_SERVER)
    with socket.socket() as squatter:  # another worker's cluster, a browser's driver
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        cluster = Cluster(bindir)
        cluster.port = taken
        try:
            cluster.start()
            assert cluster.port != taken
            cluster.admin("SELECT 1")  # the server answers on the port it moved to
        finally:
            cluster.stop()
