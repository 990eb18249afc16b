"""The same DAGs on Airflow's CeleryExecutor: switched by configuration only.

`celery_env()` is the whole switch: the environment that turns the embedded one-machine setup
(`airflow_env`: SQLite, `dag.test()`) into a distributed deployment (PostgreSQL metadata database,
Redis broker, Celery workers). The DAG files and task code do not change.

`CeleryCluster` runs such a deployment on this machine for integration tests: it creates a throwaway
metadata database, migrates it, starts scheduler, dag-processor, api-server and N Celery workers (each
in its own process group, logging to files under the Airflow home), waits until they are healthy,
triggers and watches runs through the REST API, and on exit stops everything it started and drops the
database. Server locations come from the environment (`AIMATE_PG_URL`, `AIMATE_REDIS_URL`); no
credentials live here.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from transforms.lake import Lake
from transforms.orchestration.airflow_env import airflow_cli, airflow_env
from transforms.settings import PROJECT_ROOT

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379"
DEFAULT_REDIS_DB = 11
WORKER_NAME_ENV = "AIMATE_WORKER_NAME"
# Keys every de-identification shard asks for; created once before workers start (see _prepare_keys).
SHARED_KEYS = ("internal", "surrogate")
ACTIVE_RUN_STATES = ("queued", "running")
FINISHED_RUN_STATES = ("success", "failed")


class ClusterError(RuntimeError):
    """A component failed to start, died, or a run did not finish; the message carries its log tail."""


def pg_server_url() -> str:
    """PostgreSQL server (no database part), e.g. postgresql://postgres@127.0.0.1:5432."""
    return os.environ.get("AIMATE_PG_URL", DEFAULT_PG_URL).rstrip("/")


def redis_server_url() -> str:
    return os.environ.get("AIMATE_REDIS_URL", DEFAULT_REDIS_URL).rstrip("/")


def _with_path(url: str, path: str, scheme: str | None = None) -> str:
    parts = urlsplit(url)
    return urlunsplit((scheme or parts.scheme, parts.netloc, "/" + path.lstrip("/"), "", ""))


def metadata_db_url(database: str, server: str | None = None) -> str:
    """SQLAlchemy URL of the Airflow metadata DB. Airflow 3.3 accepts psycopg 3 (`postgresql+psycopg`);
    it is what the project already installs, and the async engine uses its `psycopg_async` twin."""
    return _with_path(server or pg_server_url(), database, "postgresql+psycopg")


def worker_hostname() -> str:
    """`[core] hostname_callable` for workers: several workers on one machine need distinct names in
    task instances (the test asserts work was shared), so a worker may name itself via env."""
    return os.environ.get(WORKER_NAME_ENV) or socket.getfqdn()


@dataclass(frozen=True)
class CeleryDeployment:
    """What a Celery deployment needs to know. In production these point at managed services."""

    metadata_db: str  # SQLAlchemy URL, postgresql+psycopg://user@host:5432/airflow
    broker_url: str  # redis://host:6379/0
    result_backend: str  # db+postgresql+psycopg://user@host:5432/airflow
    api_base_url: str  # where workers reach the Execution API (http://api-server:8080)
    parallelism: int = 4
    worker_concurrency: int = 1
    queue: str = "default"


def celery_env(lake: Lake, deployment: CeleryDeployment, *, home: Path | None = None,
               extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for every component of a Celery deployment (scheduler, dag-processor, api-server,
    workers): the embedded environment plus executor, metadata DB, broker, API location."""
    env = airflow_env(lake)
    if home is not None:
        env["AIRFLOW_HOME"] = str(home)
        env["AIRFLOW__LOGGING__BASE_LOG_FOLDER"] = str(home / "logs")
        env["TLDEXTRACT_CACHE"] = str(home / "tldextract")
    async_db = deployment.metadata_db.replace("postgresql+psycopg://", "postgresql+psycopg_async://", 1)
    api = deployment.api_base_url.rstrip("/")
    env.update(
        {
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": deployment.metadata_db,
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC": async_db,
            "AIRFLOW__CELERY__BROKER_URL": deployment.broker_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": deployment.result_backend,
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": str(deployment.worker_concurrency),
            "AIRFLOW__OPERATORS__DEFAULT_QUEUE": deployment.queue,
            "AIRFLOW__CORE__PARALLELISM": str(deployment.parallelism),
            "AIRFLOW__API__BASE_URL": api,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{api}/execution/",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": f"{__name__}.worker_hostname",
        }
    )
    env.update(extra or {})
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return f"(no log at {path})"
    return "\n".join(text[-lines:])


@dataclass
class _Component:
    name: str
    argv: list[str]
    log: Path
    env: dict[str, str]
    proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as fh:
            # Own session = own process group, so stopping it cannot touch anything we did not start.
            self.proc = subprocess.Popen(self.argv, env=self.env, stdout=fh, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class CeleryCluster:
    """Scheduler, dag-processor, api-server and `workers` Celery workers on this machine, for tests.

    Use as a context manager; everything it starts is stopped on exit and its database dropped.
    """

    lake: Lake
    workers: int = 2
    concurrency: int = 1
    parallelism: int = 4
    home: Path | None = None
    startup_timeout: float = 240.0
    keep_database: bool = False
    extra_env: dict[str, str] | None = None  # e.g. another AIRFLOW__CORE__DAGS_FOLDER, more config
    components: list[_Component] = field(default_factory=list, init=False)
    token: str = field(default_factory=lambda: secrets.token_hex(4), init=False)

    def __post_init__(self) -> None:
        self.home = Path(self.home or self.lake.local_dir("_system", f"airflow-celery-{self.token}"))
        self.database = f"aimate_airflow_{self.token}"
        self.queue = f"aimate-{self.token}"
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}"
        redis_db = int(os.environ.get("AIMATE_CELERY_REDIS_DB", DEFAULT_REDIS_DB))
        pg_db = _with_path(pg_server_url(), self.database)
        self.deployment = CeleryDeployment(
            metadata_db=metadata_db_url(self.database),
            broker_url=_with_path(redis_server_url(), str(redis_db)),
            result_backend="db+" + metadata_db_url(self.database),
            api_base_url=self.api_url,
            parallelism=self.parallelism,
            worker_concurrency=self.concurrency,
            queue=self.queue,
        )
        self._pg_db_url = pg_db
        self.env = celery_env(self.lake, self.deployment, home=self.home, extra={
            # A throwaway, loopback-only cluster: secrets are random per cluster and never written out.
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_urlsafe(32),
            "AIRFLOW__API__SECRET_KEY": secrets.token_urlsafe(32),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            # Components import the project from this checkout whatever their working directory, as
            # `python -m` does for the embedded runner (an installed wheel needs no such help).
            "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p),
            **(self.extra_env or {}),
        })
        self.log_dir = self.home / "logs" / "cluster"
        self._api_token: str | None = None
        self._http: Any = None

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> CeleryCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        t0 = time.monotonic()
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._create_database()
        self._prepare_keys()
        self._run_once("migrate", [airflow_cli(self.env), "db", "migrate"], timeout=300)
        cli = airflow_cli(self.env)
        self._spawn("scheduler", [cli, "scheduler"])
        self._spawn("dag-processor", [cli, "dag-processor"])
        self._spawn("api-server", [cli, "api-server", "--host", "127.0.0.1", "--port", str(self.port),
                                   "--workers", "1"])
        for i in range(1, self.workers + 1):
            name = f"aimate-worker-{i}"
            self._spawn(name, [cli, "celery", "worker", "--celery-hostname", f"{name}@{self.token}",
                               "--concurrency", str(self.concurrency), "--queues", self.queue,
                               "--skip-serve-logs", "--without-gossip", "--without-mingle"],
                        env={WORKER_NAME_ENV: name})
        self._wait_healthy()
        self.startup_seconds = time.monotonic() - t0

    def stop(self) -> None:
        """Stop every process we started (and their descendants), then drop the throwaway state."""
        import psutil

        if self._http is not None:
            self._http.close()
            self._http = None
        procs = []
        for c in self.components:
            if c.proc is None:
                continue
            try:
                procs.append(psutil.Process(c.proc.pid))
                procs.extend(psutil.Process(c.proc.pid).children(recursive=True))
            except psutil.NoSuchProcess:
                pass
        # Workers first (warm shutdown lets running tasks end), then the rest.
        for c in sorted(self.components, key=lambda c: not c.name.startswith("aimate-worker")):
            self._signal_group(c, signal.SIGTERM)
        _, alive = psutil.wait_procs(procs, timeout=20)
        for c in self.components:
            self._signal_group(c, signal.SIGKILL)
        for p in alive:  # task processes run in their own process groups (Airflow's supervisor)
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(alive, timeout=10)
        for c in self.components:
            if c.proc is not None:
                try:
                    c.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
        self.components.clear()
        self._cleanup_broker()
        if not self.keep_database:
            self._drop_database()

    @staticmethod
    def _signal_group(c: _Component, sig: int) -> None:
        if c.proc is None or c.proc.poll() is not None:
            return
        try:
            os.killpg(c.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    # -- setup steps -------------------------------------------------------------------------
    def _admin_conn(self) -> Any:
        import psycopg

        return psycopg.connect(_with_path(pg_server_url(), "postgres"), autocommit=True, connect_timeout=5)

    def _create_database(self) -> None:
        with self._admin_conn() as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')
        self._db_created = True

    def _drop_database(self) -> None:
        if not getattr(self, "_db_created", False):
            return
        try:
            with self._admin_conn() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self._db_created = False
        except Exception as exc:  # noqa: BLE001 - cleanup must not mask the test's own error
            print(f"[cluster] could not drop database {self.database}: {exc}", file=sys.stderr)

    def _cleanup_broker(self) -> None:
        try:
            import redis

            client = redis.Redis.from_url(self.deployment.broker_url, socket_timeout=5)
            keys = [k for k in client.scan_iter(match=f"*{self.queue}*", count=500)]
            if keys:
                client.delete(*keys)
            client.close()
        except Exception as exc:  # noqa: BLE001
            print(f"[cluster] could not clean broker keys of {self.queue}: {exc}", file=sys.stderr)

    def _prepare_keys(self) -> None:
        """Create the shared keys once, before any worker: the local key store creates a key on first
        use, and two workers doing that at the same moment would each invent a different v1 (one
        shard's pseudonyms, or one release's encryption key, would then be lost). Production takes
        keys from a secrets backend and never gets here."""
        code = ("from anonymizers.keyring import KeyRing\n"
                f"names = list({SHARED_KEYS!r})\n"
                "try:\n"
                "    from transforms.publish import load_config\n"
                "    names += [r.key_name for r in load_config().recipients.values() if r.encryption]\n"
                "except ImportError:\n"
                "    pass\n"
                "for n in names:\n    KeyRing.load().current(n)\n")
        result = subprocess.run([sys.executable, "-c", code], env=self.env, capture_output=True, text=True,
                                timeout=120)
        if result.returncode != 0:
            raise ClusterError(f"could not prepare the key store:\n{result.stderr[-2000:]}")

    def _run_once(self, name: str, argv: list[str], timeout: float) -> None:
        log = self.log_dir / f"{name}.log"
        with open(log, "ab") as fh:
            result = subprocess.run(argv, env=self.env, stdout=fh, stderr=subprocess.STDOUT, timeout=timeout,
                                    stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise ClusterError(f"`{' '.join(argv[1:])}` failed (exit {result.returncode}); {log}:\n{tail(log)}")

    def _spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        c = _Component(name, argv, self.log_dir / f"{name}.log", {**self.env, **(env or {})})
        c.start()
        self.components.append(c)

    def check_alive(self) -> None:
        """Raise with the log tail of the first component that exited."""
        for c in self.components:
            if not c.alive():
                code = c.proc.returncode if c.proc else None
                raise ClusterError(f"{c.name} exited (code {code}); {c.log}:\n{tail(c.log)}")

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        pending = {"api-server", "scheduler", "dag-processor", "workers"}
        last_error = ""
        while pending:
            self.check_alive()
            if time.monotonic() > deadline:
                logs = "\n".join(f"--- {c.name} ({c.log}):\n{tail(c.log, 30)}" for c in self.components
                                 if c.name in pending or (c.name.startswith("aimate-worker") and "workers" in pending))
                raise ClusterError(f"not healthy after {self.startup_timeout:.0f}s: {sorted(pending)} "
                                   f"({last_error})\n{logs}")
            try:
                health = self.api("GET", "/api/v2/monitor/health")
                pending.discard("api-server")
                if health.get("scheduler", {}).get("status") == "healthy":
                    pending.discard("scheduler")
                if health.get("dag_processor", {}).get("status") == "healthy":
                    pending.discard("dag-processor")
            except Exception as exc:  # noqa: BLE001 - not up yet
                last_error = f"api: {exc}"
            if "workers" in pending and self._workers_answering() >= self.workers:
                pending.discard("workers")
            if pending:
                time.sleep(2)

    def _workers_answering(self) -> int:
        from celery import Celery

        app = Celery(broker=self.deployment.broker_url)
        try:
            names = {f"aimate-worker-{i}@{self.token}" for i in range(1, self.workers + 1)}
            replies = app.control.ping(destination=list(names), timeout=1.5) or []
            return sum(1 for r in replies for k in r if k in names)
        except Exception:  # noqa: BLE001 - broker not ready / no reply yet
            return 0
        finally:
            app.close()

    # -- REST API ----------------------------------------------------------------------------
    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call the public REST API (the throwaway cluster grants every caller admin: no password)."""
        import httpx

        if self._http is None:
            self._http = httpx.Client(base_url=self.api_url, timeout=30)
        if self._api_token is None and not path.startswith("/api/v2/monitor"):
            r = self._http.get("/auth/token")
            r.raise_for_status()
            self._api_token = r.json()["access_token"]
        headers = {"Authorization": f"Bearer {self._api_token}"} if self._api_token else {}
        r = self._http.request(method, path, headers=headers, **kwargs)
        if r.status_code == 401 and self._api_token is not None:  # token expired: fetch a new one once
            self._api_token = None
            return self.api(method, path, **kwargs)
        if r.status_code >= 400:
            raise ClusterError(f"{method} {path} → {r.status_code}: {r.text[:500]}")
        return r.json() if r.content else None

    def wait_for_dags(self, dag_ids: Iterable[str], timeout: float = 180) -> None:
        """Until the dag-processor has parsed and serialized these DAGs."""
        deadline = time.monotonic() + timeout
        missing = set(dag_ids)
        while missing:
            self.check_alive()
            for dag_id in list(missing):
                try:
                    self.api("GET", f"/api/v2/dags/{dag_id}/details")
                    missing.discard(dag_id)
                except ClusterError:
                    pass
            if missing:
                if time.monotonic() > deadline:
                    errors = self.api("GET", "/api/v2/importErrors").get("import_errors", [])
                    raise ClusterError(f"DAGs not parsed after {timeout:.0f}s: {sorted(missing)}; import errors: "
                                       f"{errors}\n{tail(self.log_dir / 'dag-processor.log')}")
                time.sleep(2)

    def dag_ids(self) -> list[str]:
        return [d["dag_id"] for d in self.api("GET", "/api/v2/dags", params={"limit": 100})["dags"]]

    def unpause(self, dag_ids: Iterable[str]) -> None:
        for dag_id in dag_ids:
            self.api("PATCH", f"/api/v2/dags/{dag_id}", json={"is_paused": False})

    def trigger(self, dag_id: str, logical_date: str | None, *, interval: tuple[str, str] | None = None,
                run_id: str | None = None, conf: dict | None = None) -> str:
        """Create a manual run; returns its run id.

        Pass `interval` for a daily DAG so the run carries the same logical date as the scheduled run
        of that interval would (logical date = interval start): the scheduler then does not create a
        second run for an interval already triggered. Trigger before unpausing, or the scheduler may
        create the scheduled run first and this call fails with a conflict.
        """
        body: dict[str, Any] = {"logical_date": logical_date, "conf": conf or {}}
        if interval is not None:
            body["data_interval_start"], body["data_interval_end"] = interval
        if run_id is not None:
            body["dag_run_id"] = run_id
        return self.api("POST", f"/api/v2/dags/{dag_id}/dagRuns", json=body)["dag_run_id"]

    def trigger_day(self, dag_id: str, day: date) -> str:
        """A manual run of a daily DAG for the interval [day, day + 1), as the scheduler would name it."""
        start = datetime.combine(day, datetime.min.time(), UTC)
        interval = (start.isoformat(), (start + timedelta(days=1)).isoformat())
        return self.trigger(dag_id, start.isoformat(), interval=interval, run_id=f"manual__{day.isoformat()}")

    def dag_runs(self, dag_id: str = "~", states: Iterable[str] = ()) -> list[dict]:
        params: list[tuple[str, str | int]] = [("limit", 100), ("order_by", "start_date")]
        params += [("state", s) for s in states]
        return self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns", params=params)["dag_runs"]

    def task_instances(self, dag_id: str = "~", run_id: str = "~") -> list[dict]:
        out: list[dict] = []
        offset = 0
        while True:
            page = self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}/taskInstances",
                            params={"limit": 100, "offset": offset})
            out += page["task_instances"]
            offset += len(page["task_instances"])
            if not page["task_instances"] or offset >= page["total_entries"]:
                return out

    def wait_run(self, dag_id: str, run_id: str, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            self.check_alive()
            run = self.api("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
            if run["state"] in FINISHED_RUN_STATES:
                if run["state"] != "success":
                    raise ClusterError(self.describe_failure(dag_id, run_id))
                return run
            if time.monotonic() > deadline:
                raise ClusterError(f"{dag_id} {run_id} still {run['state']} after {timeout:.0f}s\n"
                                   + self.describe_failure(dag_id, run_id))
            time.sleep(2)

    def _queued_asset_events(self) -> int:
        """Asset events waiting to create a run (the scheduler turns them into runs on its next loop)."""
        import psycopg

        with psycopg.connect(self._pg_db_url, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM asset_dag_run_queue").fetchone()[0]

    def wait_idle(self, timeout: float = 600, quiet: float = 12) -> list[dict]:
        """Until no run is queued or running and no asset event waits, for `quiet` seconds in a row
        (asset-triggered DAGs start a scheduler loop after their producer ends). Raises on a failed run."""
        deadline = time.monotonic() + timeout
        idle_since: float | None = None
        while True:
            self.check_alive()
            runs = self.dag_runs()
            failed = [r for r in runs if r["state"] == "failed"]
            if failed:
                raise ClusterError(self.describe_failure(failed[0]["dag_id"], failed[0]["dag_run_id"]))
            busy = any(r["state"] in ACTIVE_RUN_STATES for r in runs) or self._queued_asset_events() > 0
            now = time.monotonic()
            if busy:
                idle_since = None
            elif idle_since is None:
                idle_since = now
            elif now - idle_since >= quiet:
                return runs
            if now > deadline:
                active = [(r["dag_id"], r["dag_run_id"], r["state"]) for r in runs if r["state"] in ACTIVE_RUN_STATES]
                raise ClusterError(f"not idle after {timeout:.0f}s; active runs: {active}\n" + self.component_tails())
            time.sleep(2)

    # -- diagnostics -------------------------------------------------------------------------
    def describe_failure(self, dag_id: str, run_id: str) -> str:
        """Failed task instances of a run and the tail of each one's task log."""
        lines = [f"{dag_id} run {run_id} did not succeed"]
        try:
            tis = self.task_instances(dag_id, run_id)
        except Exception as exc:  # noqa: BLE001
            return f"{lines[0]} (task instances unavailable: {exc})\n{self.component_tails()}"
        bad = [t for t in tis if t["state"] not in ("success", "skipped")]
        for t in bad:
            lines.append(f"- {t['task_id']}[{t['map_index']}] {t['state']} on {t.get('hostname')}")
            for log in self.task_log_files(dag_id, run_id, t["task_id"], t["map_index"])[-1:]:
                lines.append(f"  {log}:\n{tail(log, 40)}")
        if not bad:
            lines.append(self.component_tails())
        return "\n".join(lines)

    def task_log_files(self, dag_id: str, run_id: str, task_id: str, map_index: int = -1) -> list[Path]:
        base = self.home / "logs" / f"dag_id={dag_id}" / f"run_id={run_id}" / f"task_id={task_id}"
        if map_index is not None and map_index >= 0:
            base = base / f"map_index={map_index}"
        return sorted(base.glob("attempt=*.log"))

    def component_tails(self, lines: int = 25) -> str:
        return "\n".join(f"--- {c.name} ({c.log}):\n{tail(c.log, lines)}" for c in self.components)
