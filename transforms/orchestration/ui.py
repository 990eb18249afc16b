"""`aimate-share airflow` / `make airflow`: the Airflow UI on a lake, started and stopped as one unit.

`airflow standalone` (scheduler, dag-processor, api-server, triggerer, LocalExecutor) with the
environment `aimate-share run` uses — the lake's own AIRFLOW_HOME and metadata database, this repo's
dags folder, the venv's `bin` on PATH (components re-exec `airflow`) — plus what a UI needs: bound to
127.0.0.1 unless asked otherwise, worker slots sized to the machine, the API base URL matching the
port. The lake root becomes the Airflow Variable `aimate_lake` and the app database (when given) the
Connection `aimate_src` in the metadata database, so both are visible and editable in the UI.

Everything runs in one new process group recorded in `<airflow home>/aimate-ui.json`; stopping
signals the group, waits, kills what is left, and checks that no process of it survives and that
the port is free again.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from transforms.lake import Lake
from transforms.orchestration.airflow_env import airflow_cli, airflow_env, airflow_home, ensure_metadata_db
from transforms.settings import LAKE_VARIABLE

STATE_FILE = "aimate-ui.json"
PASSWORD_FILE = "simple_auth_manager_passwords.json.generated"
SOURCE_CONN_ID = "aimate_src"


class UIError(RuntimeError):
    """The UI could not be started or stopped; the message says why."""


@dataclass(frozen=True)
class UIHandle:
    pid: int
    host: str
    port: int
    home: Path
    log_file: Path

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def password_file(self) -> Path:
        return self.home / PASSWORD_FILE


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host if host != "0.0.0.0" else "127.0.0.1", port)) == 0


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host if host != "0.0.0.0" else "127.0.0.1", 0))
        return s.getsockname()[1]


def ui_env(lake: Lake, host: str, port: int) -> dict[str, str]:
    """The embedded environment plus the API server's address. The lake comes from the Variable in
    the metadata database (not the environment), so what the UI shows is what tasks use."""
    env = airflow_env(lake)
    for name in ("AIRFLOW_VAR_AIMATE_LAKE", "AIMATE_LAKE"):
        env.pop(name, None)
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    env.update({
        "AIRFLOW__API__HOST": host,
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API__BASE_URL": f"http://{shown}:{port}",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://{shown}:{port}/execution/",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        # The scheduler's and triggerer's log servers default to 8793/8794: free ports instead, so two
        # UIs (or another Airflow on the machine) never collide.
        "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
        "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
        "AIRFLOW__SCHEDULER__STANDALONE_DAG_PROCESSOR": "True",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
    })
    return env


_REGISTER = """
import json, sys
from airflow.models import Connection, Variable
from airflow.utils.session import create_session
spec = json.loads(sys.argv[1])
Variable.set(spec["var_key"], spec["lake"], description="Lake root the AIMate DAGs read and write (aimate-share airflow).")
if spec.get("source"):
    with create_session() as session:
        session.query(Connection).filter(Connection.conn_id == spec["conn_id"]).delete()
        conn = Connection(conn_id=spec["conn_id"], uri=spec["source"])
        conn.description = "App database: chat messages and account events (aimate_ingest pulls by interval)."
        session.add(conn)
"""


def register_lake(lake: Lake, env: dict[str, str], source_uri: str | None) -> None:
    """The `aimate_lake` Variable (and the `aimate_src` Connection) in the metadata database."""
    spec = {"var_key": LAKE_VARIABLE, "lake": str(lake.base if lake.is_local else lake.root),
            "conn_id": SOURCE_CONN_ID, "source": source_uri}
    result = subprocess.run([sys.executable, "-c", _REGISTER, json.dumps(spec)], env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise UIError(f"could not register the lake Variable/Connection: {result.stderr.strip()[-800:]}")


def _state_path(lake: Lake) -> Path:
    return airflow_home(lake) / STATE_FILE


def running(lake: Lake) -> dict | None:
    """The recorded UI of this lake if its process group is still alive."""
    path = _state_path(lake)
    if not path.exists():
        return None
    state = json.loads(path.read_text(encoding="utf-8"))
    try:
        os.killpg(state["pgid"], 0)
    except (ProcessLookupError, PermissionError):
        path.unlink(missing_ok=True)
        return None
    return state


def start(lake: Lake, *, host: str = "127.0.0.1", port: int = 8080, source_uri: str | None = None) -> UIHandle:
    """Start `airflow standalone` for the lake in its own process group; returns at once."""
    if not lake.is_local:
        raise UIError("the UI runs on a local lake (set AIMATE_AIRFLOW_HOME for a URI lake)")
    if (state := running(lake)) is not None:
        raise UIError(f"the UI of this lake is already running (pid {state['pid']}, {state['url']}); "
                      "stop it with `make airflow-stop` or `aimate-share airflow --stop`")
    if port_in_use(host, port):
        raise UIError(f"port {port} on {host} is in use; pick another with --port")
    env = ui_env(lake, host, port)
    ensure_metadata_db(lake, env)
    register_lake(lake, env, source_uri)
    home = airflow_home(lake)
    log_file = home / "logs" / "aimate-ui.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "ab") as log:
        proc = subprocess.Popen([airflow_cli(env), "standalone"], env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    handle = UIHandle(pid=proc.pid, host=host, port=port, home=home, log_file=log_file)
    _state_path(lake).write_text(json.dumps({"pid": proc.pid, "pgid": os.getpgid(proc.pid), "host": host,
                                             "port": port, "url": handle.url, "log": str(log_file)}))
    return handle


def wait_ready(handle: UIHandle, timeout_s: float = 240.0) -> float:
    """Seconds until the API server answers its health check (raises UIError on timeout/exit)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        try:
            os.killpg(handle.pid, 0)
        except ProcessLookupError:
            raise UIError(f"airflow standalone exited; see {handle.log_file}") from None
        try:
            with urllib.request.urlopen(f"{handle.url}/api/v2/monitor/health", timeout=3) as resp:
                if resp.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise UIError(f"the UI did not answer within {timeout_s:.0f} s; see {handle.log_file}")


def _group_pids(pgid: int) -> list[int]:
    import psutil

    out = []
    for p in psutil.process_iter(["pid", "status"]):
        try:
            if p.info["status"] == psutil.STATUS_ZOMBIE:
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(p.pid, os.WNOHANG)  # reap our own child (the standalone process)
                continue
            if os.getpgid(p.pid) == pgid:
                out.append(p.pid)
        except (ProcessLookupError, PermissionError, psutil.NoSuchProcess):
            continue
    return out


def stop_group(pgid: int, grace_s: float = 20.0) -> list[int]:
    """SIGINT (standalone's own clean shutdown), then SIGTERM, then SIGKILL to the whole group.
    Returns the pids that were part of it; raises UIError if any survives."""
    pids = _group_pids(pgid)
    for sig, wait in ((signal.SIGINT, grace_s), (signal.SIGTERM, grace_s / 2), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _group_pids(pgid):
            time.sleep(0.25)
        if not _group_pids(pgid):
            break
    left = _group_pids(pgid)
    if left:
        raise UIError(f"processes still running after stop: {left}")
    return pids


def stop(lake: Lake, grace_s: float = 20.0) -> tuple[list[int], dict | None]:
    """Stop the lake's UI (if running) and wait until its port is free."""
    state = running(lake)
    if state is None:
        return [], None
    pids = stop_group(state["pgid"], grace_s)
    deadline = time.monotonic() + 15
    while port_in_use(state["host"], state["port"]) and time.monotonic() < deadline:
        time.sleep(0.25)
    if port_in_use(state["host"], state["port"]):
        raise UIError(f"port {state['port']} is still in use after stopping the UI")
    _state_path(lake).unlink(missing_ok=True)
    return pids, state
