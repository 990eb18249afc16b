"""Publishing: declared aggregate extracts, gates, differential privacy, verifiable releases.

Public API (called by dags/aimate_publish.py and `aimate-share verify/scan/releases`):
    plan_releases(lake, *, as_of=None) -> list[dict]      one dict per release to make
    publish(lake, **planned) -> dict                      audit record of the attempt
    record_run(lake, results) -> dict                     run summary (audited)
    verify_release(release_dir, keystore=None) -> Verification
    scan_paths(paths, keyring=None) -> list[Leak]
    list_releases(lake) -> list[dict]
Heavy modules are imported on first use so DAG files stay light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["plan_releases", "publish", "record_run", "verify_release", "scan_paths", "list_releases", "load_config"]


def __getattr__(name: str) -> Any:
    if name in ("plan_releases", "publish", "record_run"):
        from transforms.publish import release

        return getattr(release, name)
    if name == "verify_release":
        from transforms.publish.verify import verify_release

        return verify_release
    if name == "scan_paths":
        from transforms.publish.scan import scan_paths

        return scan_paths
    if name == "list_releases":
        from transforms.publish.listing import list_releases

        return list_releases
    if name == "load_config":
        from transforms.publish.config import load_config

        return load_config
    raise AttributeError(name)
