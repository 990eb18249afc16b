"""How alerts reach people: Airflow notifiers (`airflow.sdk.BaseNotifier`) used as task callbacks.

Each `*Notifier` below finds its alerts in the callback context (the failed task, the task's result,
the lake) and hands every alert to `deliver`: the audit record and the task log always, then the
channels of `config/alerts.yaml` — Airflow's own `SmtpNotifier` (SMTP provider) or `WebhookNotifier`
(WeCom / DingTalk / Feishu / Slack incoming webhooks). A channel that fails is logged and audited; it
never fails the task or hides the alert from the audit.
"""

from __future__ import annotations

import html
import json
import logging
import urllib.request
from datetime import date
from typing import Any

from airflow.sdk import BaseNotifier

from transforms.alerts import checks
from transforms.alerts.checks import Alert
from transforms.alerts.config import SmtpChannel, WebhookChannel, load_alerts_config

log = logging.getLogger("aimate.alerts")


def _lake():
    from transforms.lake import Lake
    from transforms.settings import lake_root

    return Lake(lake_root())


def _where(context: dict[str, Any]) -> dict[str, Any]:
    ti = context.get("ti")
    run = context.get("dag_run")
    return {"dag_id": getattr(ti, "dag_id", None), "task_id": getattr(ti, "task_id", None),
            "map_index": getattr(ti, "map_index", -1), "run_id": getattr(run, "run_id", None)}


def webhook_payload(fmt: str, text: str) -> dict[str, Any]:
    """The JSON body each chat tool's incoming webhook expects for a plain-text message."""
    if fmt in ("wecom", "dingtalk"):
        return {"msgtype": "text", "text": {"content": text}}
    if fmt == "feishu":
        return {"msg_type": "text", "content": {"text": text}}
    return {"text": text}  # slack


class WebhookNotifier(BaseNotifier):
    """Posts one text message to a chat webhook whose URL is kept in an Airflow Connection
    (`extra.webhook_url`, else the host), so the secret token never sits in a config file."""

    template_fields = ("message",)

    def __init__(self, *, conn_id: str, message: str, fmt: str = "wecom", timeout_s: float = 10.0) -> None:
        super().__init__()
        self.conn_id, self.message, self.fmt, self.timeout_s = conn_id, message, fmt, timeout_s

    def url(self) -> str:
        from airflow.sdk import BaseHook

        conn = BaseHook.get_connection(self.conn_id)
        url = (conn.extra_dejson or {}).get("webhook_url") or conn.host or ""
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"Connection {self.conn_id!r} has no webhook URL (extra.webhook_url)")
        return url

    def notify(self, context: dict[str, Any]) -> None:
        body = json.dumps(webhook_payload(self.fmt, self.message), ensure_ascii=False).encode()
        req = urllib.request.Request(self.url(), data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:
            if resp.status >= 300:
                raise RuntimeError(f"webhook answered HTTP {resp.status}")


def channel_notifier(channel: SmtpChannel | WebhookChannel, alert: Alert) -> BaseNotifier:
    """The Airflow notifier that sends `alert` through one configured channel."""
    if isinstance(channel, SmtpChannel):
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier

        body = "<pre>" + html.escape(json.dumps(alert.as_dict(), indent=2, ensure_ascii=False)) + "</pre>"
        return SmtpNotifier(to=channel.to, from_email=channel.from_email, subject=alert.text()[:200],
                            html_content=body, smtp_conn_id=channel.smtp_conn_id)
    return WebhookNotifier(conn_id=channel.conn_id, message=alert.text(), fmt=channel.format)


def deliver(alert: Alert, context: dict[str, Any], lake: Any = None) -> dict[str, Any]:
    """Audit + log the alert, then send it through every configured channel that takes its kind."""
    where = _where(context)
    record = {**alert.as_dict(), **{k: v for k, v in where.items() if v is not None}, "channels": {}}
    log.warning("ALERT %s", alert.text())
    for i, channel in enumerate(load_alerts_config().channels):
        if channel.only is not None and alert.kind not in channel.only:
            continue
        name = f"{i}:{channel.kind}"
        try:
            channel_notifier(channel, alert)(context)
            record["channels"][name] = "sent"
        except Exception as exc:  # noqa: BLE001 - a broken channel must not hide the alert
            log.error("alert channel %s failed: %s: %s", name, type(exc).__name__, exc)
            record["channels"][name] = f"failed: {type(exc).__name__}: {str(exc)[:200]}"
    (lake or _lake()).audit("alerts", alert.kind, record)
    return record


class PipelineNotifier(BaseNotifier):
    """Finds alerts in the callback context (subclasses) and delivers each one."""

    def alerts(self, context: dict[str, Any]) -> list[Alert]:
        raise NotImplementedError

    def notify(self, context: dict[str, Any]) -> None:
        for alert in self.alerts(context):
            deliver(alert, context)


class TaskFailureNotifier(PipelineNotifier):
    """`on_failure_callback`: the task failed for good (no retry left)."""

    def alerts(self, context: dict[str, Any]) -> list[Alert]:
        w = _where(context)
        return [checks.task_failed(w["dag_id"], w["task_id"], w["run_id"], context.get("exception"), w["map_index"])]


def _own_result(context: dict[str, Any]) -> Any:
    ti = context["ti"]
    return ti.xcom_pull(task_ids=ti.task_id)


class RefusedReleaseNotifier(PipelineNotifier):
    """`on_success_callback` of the publishing run's record task: every refused release."""

    def alerts(self, context: dict[str, Any]) -> list[Alert]:
        return checks.refused_releases(_own_result(context))


class RightsDeadlineNotifier(PipelineNotifier):
    """`on_success_callback` of the rights DAG's last task: open requests near or past the deadline."""

    def alerts(self, context: dict[str, Any]) -> list[Alert]:
        from transforms.lake import utcnow
        from transforms.rights.config import load_config
        from transforms.rights.ledger import read_ledger

        ledger = read_ledger(_lake())
        return checks.rights_deadlines(ledger.requests.values(), ledger.completions, utcnow(),
                                       load_config().response_deadline_days, load_alerts_config().rights_warn_days)


def ingest_summaries(lake: Any, dt: date | str) -> list[dict[str, Any]]:
    """The ingest sidecars (every source and origin) of one delivery date."""
    from transforms import schemas

    out = []
    for source in schemas.SOURCES:
        part = lake.partition("raw", source, dt)
        for name in ("_ingest.json", "_ingest-postgres.json"):
            if lake.exists(f"{part}/{name}"):
                out.append(lake.read_json(f"{part}/{name}"))
    return out


class QuarantineRateNotifier(PipelineNotifier):
    """`on_success_callback` of the ingest run's record task: sources quarantining too much."""

    def alerts(self, context: dict[str, Any]) -> list[Alert]:
        start = context.get("data_interval_start")
        if start is None:
            return []
        return checks.quarantine_rates(ingest_summaries(_lake(), start.date()),
                                       load_alerts_config().quarantine_max_share)


def on_failure() -> list[BaseNotifier]:
    """For `default_args["on_failure_callback"]` of every DAG."""
    return [TaskFailureNotifier()]
