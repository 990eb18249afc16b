"""`make airflow-stop` / `aimate-share airflow --stop`: every process of the UI's group ends, even ones
that ignore the polite signals, and the port is free afterwards."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import psutil

from transforms.lake import Lake
from transforms.orchestration import ui

# A parent that ignores SIGINT and SIGTERM, listens on a port, and has children doing the same
# (what `airflow standalone` with its workers looks like to the stop logic).
STUBBORN = """
import os, signal, socket, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()
for _ in range(3):
    if os.fork() == 0:
        while True: time.sleep(1)
print("ready", flush=True)
while True: time.sleep(1)
"""


def _group(pgid: int) -> list[int]:
    out = []
    for p in psutil.process_iter(["status"]):
        try:
            if p.info["status"] != psutil.STATUS_ZOMBIE and os.getpgid(p.pid) == pgid:
                out.append(p.pid)
        except (ProcessLookupError, PermissionError):
            pass
    return out


def test_stop_ends_the_whole_group_and_frees_the_port(tmp_path) -> None:
    lake = Lake(str(tmp_path))
    port = ui.free_port()
    proc = subprocess.Popen([sys.executable, "-c", STUBBORN, str(port)], stdout=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stdout.readline().strip() == "ready"
    pgid = os.getpgid(proc.pid)
    assert len(_group(pgid)) == 4 and ui.port_in_use("127.0.0.1", port)
    home = tmp_path / "_system" / "airflow"
    home.mkdir(parents=True)
    (home / ui.STATE_FILE).write_text(json.dumps({"pid": proc.pid, "pgid": pgid, "host": "127.0.0.1",
                                                  "port": port, "url": f"http://127.0.0.1:{port}"}))
    assert ui.running(lake)["pgid"] == pgid
    pids, state = ui.stop(lake, grace_s=1.0)
    proc.wait(timeout=5)
    assert len(pids) == 4 and state["port"] == port
    assert _group(pgid) == []
    assert not ui.port_in_use("127.0.0.1", port)
    assert ui.running(lake) is None and not (home / ui.STATE_FILE).exists()
    assert ui.stop(lake) == ([], None), "stopping twice is harmless"


def test_the_ui_environment_is_local_sized_and_reads_the_lake_from_the_variable(tmp_path) -> None:
    env = ui.ui_env(Lake(str(tmp_path)), "127.0.0.1", 8080)
    assert env["AIRFLOW__API__HOST"] == "127.0.0.1" and env["AIRFLOW__API__BASE_URL"] == "http://127.0.0.1:8080"
    assert int(env["AIRFLOW__CORE__PARALLELISM"]) <= max(2, len(os.sched_getaffinity(0)))
    assert "AIRFLOW_VAR_AIMATE_LAKE" not in env and "AIMATE_LAKE" not in env
    assert str(Path(sys.executable).parent) in env["PATH"].split(os.pathsep)
    assert {env["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"], env["AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT"]} \
        .isdisjoint({"8080", "8793", "8794"})


def test_a_busy_port_is_refused_before_anything_starts(tmp_path) -> None:
    import pytest

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(ui.UIError, match=f"port {port}"):
            ui.start(Lake(str(tmp_path)), port=port)
