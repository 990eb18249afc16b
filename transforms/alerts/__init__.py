"""Pipeline alerts: what is worth telling a person (checks), and how it reaches them (Airflow notifiers).

Checks are plain functions over lake state and task results, unit-tested without Airflow. Delivery
is Airflow's notifier mechanism (`airflow.sdk.BaseNotifier`) wired as task callbacks in the DAGs;
the audit + task-log notifier is always on, SMTP and chat webhooks are added in `config/alerts.yaml`.
"""

from transforms.alerts.checks import Alert

__all__ = ["Alert"]
