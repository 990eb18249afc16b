"""Alerts: when they fire (pure checks) and how they are delivered (Airflow notifiers + audit)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from airflow.sdk import BaseNotifier

from transforms.alerts import checks
from transforms.alerts.config import AlertsConfig, SmtpChannel, WebhookChannel, load_alerts_config
from transforms.lake import Lake

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


@dataclass
class Req:
    request_id: str
    kind: str
    received_at: datetime


def test_rights_requests_near_or_past_their_deadline_alert() -> None:
    reqs = [Req("DSR-fresh", "deletion", NOW - timedelta(days=2)),
            Req("DSR-soon", "deletion", NOW - timedelta(days=12.5)),     # due in 2.5 days
            Req("DSR-late", "withdrawal", NOW - timedelta(days=16)),     # 1 day overdue
            Req("DSR-done", "deletion", NOW - timedelta(days=20))]
    alerts = checks.rights_deadlines(reqs, {"DSR-done"}, NOW, deadline_days=15, warn_days=3)
    assert [a.detail["request_id"] for a in alerts] == ["DSR-late", "DSR-soon"]
    assert [a.severity for a in alerts] == ["critical", "warning"]
    assert "past its 15-day deadline" in alerts[0].subject and "due in 2.5 days" in alerts[1].subject


def test_quarantine_rate_above_the_configured_share_alerts() -> None:
    summaries = [{"source": "chat_messages", "dt": "2026-11-30", "lines": 1000, "quarantined": 51,
                  "reasons": {"invalid JSON": 40, "oversize": 11}},
                 {"source": "telemetry_events", "dt": "2026-11-30", "lines": 1000, "quarantined": 50},
                 {"source": "account_events", "dt": "2026-11-30", "lines": 0, "quarantined": 0}]
    alerts = checks.quarantine_rates(summaries, max_share=0.05)
    assert [a.detail["source"] for a in alerts] == ["chat_messages"]
    assert alerts[0].detail["top_reasons"] == {"invalid JSON": 40, "oversize": 11}


def test_every_refused_release_alerts_with_its_reason() -> None:
    summary = {"refused": [{"extract": "crash_performance_daily", "release_id": "r1", "reason": "budget exceeded"}],
               "published": [{"extract": "x"}]}
    [alert] = checks.refused_releases(summary)
    assert alert.kind == "release_refused" and alert.detail["reason"] == "budget exceeded"
    assert checks.refused_releases(None) == []


def test_alert_config_is_validated_and_names_the_file(tmp_path, monkeypatch) -> None:
    from transforms.pipeline_config import ConfigError

    (tmp_path / "alerts.yaml").write_text("channels:\n  - kind: pager\n")
    monkeypatch.setenv("AIMATE_CONFIG_DIR", str(tmp_path))
    load_alerts_config.cache_clear()
    try:
        with pytest.raises(ConfigError, match="alerts.yaml"):
            load_alerts_config()
    finally:
        load_alerts_config.cache_clear()


def test_the_shipped_alert_config_loads() -> None:
    load_alerts_config.cache_clear()
    cfg = load_alerts_config()
    assert cfg.rights_warn_days == 3 and 0 < cfg.quarantine_max_share < 1


class _Hook:
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            _Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass


@pytest.fixture
def webhook():
    server = HTTPServer(("127.0.0.1", 0), _Hook.Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Hook.received = []
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


@pytest.fixture
def lake_env(tmp_path, monkeypatch) -> Lake:
    monkeypatch.setenv("AIMATE_LAKE", str(tmp_path))
    return Lake(str(tmp_path))


def _config(monkeypatch, cfg: AlertsConfig) -> None:
    from transforms.alerts import notifiers

    monkeypatch.setattr(notifiers, "load_alerts_config", lambda: cfg)


def _context(error: BaseException | None = None) -> dict:
    class TI:
        dag_id, task_id, map_index = "aimate_publish", "publish", 3

    class Run:
        run_id = "manual__2026-12-01"

    return {"ti": TI(), "dag_run": Run(), "exception": error}


def test_a_task_failure_is_audited_logged_and_sent_to_a_chat_webhook(lake_env, webhook, monkeypatch, caplog) -> None:
    from transforms.alerts.notifiers import TaskFailureNotifier, on_failure

    monkeypatch.setenv("AIRFLOW_CONN_AIMATE_CHAT", json.dumps({"conn_type": "http", "extra": {"webhook_url": webhook}}))
    _config(monkeypatch, AlertsConfig(channels=[WebhookChannel(kind="webhook", conn_id="aimate_chat", format="wecom")]))
    assert all(isinstance(n, BaseNotifier) for n in on_failure())
    with caplog.at_level("WARNING", logger="aimate.alerts"):
        TaskFailureNotifier()(_context(ValueError("extracts.yaml: k must be >= 2")))
    [record] = lake_env.audit_records("alerts")
    assert record["kind"] == "task_failed" and record["dag_id"] == "aimate_publish"
    assert record["detail"]["reason"] == "ValueError: extracts.yaml: k must be >= 2"
    assert record["channels"] == {"0:webhook": "sent"}
    assert "ALERT" in caplog.text and "aimate_publish.publish[3] failed" in caplog.text
    [body] = _Hook.received
    assert body["msgtype"] == "text" and "aimate_publish.publish[3] failed" in body["text"]["content"]


def test_a_broken_channel_never_hides_the_alert(lake_env, monkeypatch) -> None:
    from transforms.alerts.notifiers import TaskFailureNotifier

    _config(monkeypatch, AlertsConfig(channels=[WebhookChannel(kind="webhook", conn_id="no_such_conn")]))
    TaskFailureNotifier()(_context(RuntimeError("boom")))
    [record] = lake_env.audit_records("alerts")
    assert record["channels"]["0:webhook"].startswith("failed:")


def test_channels_can_be_limited_to_some_alert_kinds(lake_env, webhook, monkeypatch) -> None:
    from transforms.alerts.notifiers import deliver

    monkeypatch.setenv("AIRFLOW_CONN_AIMATE_CHAT", json.dumps({"conn_type": "http", "extra": {"webhook_url": webhook}}))
    _config(monkeypatch, AlertsConfig(channels=[
        WebhookChannel(kind="webhook", conn_id="aimate_chat", format="slack", only=["rights_deadline"])]))
    deliver(checks.task_failed("d", "t", "r", "x"), _context())
    assert _Hook.received == []
    deliver(checks.Alert("rights_deadline", "DSR-1 is due in 1.0 days"), _context())
    assert _Hook.received == [{"text": "[AIMate warning] DSR-1 is due in 1.0 days"}]


def test_smtp_is_airflows_own_notifier_configured_from_the_file() -> None:
    from airflow.providers.smtp.notifications.smtp import SmtpNotifier

    from transforms.alerts.notifiers import channel_notifier

    channel = SmtpChannel(kind="smtp", to=["privacy-office@aimate.example"], smtp_conn_id="smtp_aimate")
    n = channel_notifier(channel, checks.Alert("release_refused", "release crash_performance_daily refused",
                                               {"reason": "k"}))
    assert isinstance(n, SmtpNotifier)
    assert n.to == ["privacy-office@aimate.example"] and n.smtp_conn_id == "smtp_aimate"
    assert n.subject.startswith("[AIMate warning] release crash_performance_daily refused")


def test_quarantine_notifier_reads_the_runs_sidecars(lake_env, monkeypatch) -> None:
    from transforms.alerts.notifiers import QuarantineRateNotifier

    _config(monkeypatch, AlertsConfig(quarantine_max_share=0.1))
    part = lake_env.partition("raw", "chat_messages", "2026-11-30")
    lake_env.write_json(f"{part}/_ingest.json", {"source": "chat_messages", "dt": "2026-11-30", "lines": 10,
                                                 "quarantined": 4, "reasons": {"invalid JSON": 4}})
    ctx = {**_context(), "data_interval_start": datetime(2026, 11, 30, tzinfo=UTC)}
    QuarantineRateNotifier()(ctx)
    [record] = lake_env.audit_records("alerts")
    assert record["kind"] == "quarantine_rate" and record["detail"]["quarantined"] == 4
