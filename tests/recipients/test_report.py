"""The privacy officer's report: internal only, self-contained, and it renders with every plot in
headless Chromium without a console error."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.recipients.conftest import publish_extract
from transforms.cli import app
from transforms.report.build import ReportError, write_report

runner = CliRunner()


@pytest.fixture
def released(lake, keystore):
    for extract in ("crash_performance_daily", "ml_feature_usage_weekly", "ml_turn_taking_weekly"):
        publish_extract(lake, extract)
    return lake


def test_report_default_path_is_internal(released, keystore):
    res = runner.invoke(app, ["report", "--lake", released.base])
    assert res.exit_code == 0, res.output
    path = Path(res.output.strip().rsplit(" ", 1)[-1])
    assert path.is_file() and Path(released.base, "_system", "reports") in path.parents
    html = path.read_text()
    for section in ("Entity types detected", "Cells published and suppressed", "Noise against value",
                    "against each budget", "Gate results", "Publishing runs", "Reconciliation"):
        assert section in html
    assert len(re.findall(r'<img alt="[^"]+" src="data:image/png;base64,', html)) == 4
    assert "http://" not in html and "https://" not in html  # nothing loaded from outside


def test_report_refuses_a_recipients_folder(released):
    target = Path(released.base, "published", "stats_partner", "report.html")
    with pytest.raises(ReportError, match="inside published"):
        write_report(released, out=target)
    res = runner.invoke(app, ["report", "--lake", released.base, "--out", str(target)])
    assert res.exit_code == 1 and "Traceback" not in res.output and not target.exists()


def test_report_for_one_release(released, tmp_path):
    rel = next(Path(released.base, "published", "ml_team", "ml_turn_taking_weekly").iterdir())
    out = write_report(released, out=tmp_path / "one.html", release_dir=rel)
    html = out.read_text()
    assert rel.name in html and "crash_performance_daily" not in html


PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e.target && e.target.src)), true);
window.addEventListener('load', () => {
  const imgs = [...document.images];
  const bad = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length;
  document.body.setAttribute('data-probe', `images=${imgs.length} broken=${bad} errors=${window.__errors.length}`);
});
</script>"""


@pytest.mark.browser
@pytest.mark.slow
def test_report_renders_in_headless_chromium(released, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("headless Chromium is required for this test (apt-get install chromium)")
    out = write_report(released, out=tmp_path / "report.html")
    probed = tmp_path / "probed.html"  # the harness adds its probe to a copy; the report has no script
    probed.write_text(out.read_text().replace("<head>", "<head>" + PROBE, 1))
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"]
    dom = subprocess.run([*base, "--dump-dom", probed.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    probe = re.search(r'data-probe="images=(\d+) broken=(\d+) errors=(\d+)"', dom.stdout)
    assert probe, dom.stdout[-500:]
    assert (int(probe[1]), int(probe[2]), int(probe[3])) == (4, 0, 0)
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    shot = tmp_path / "report.png"
    res = subprocess.run([*base, "--window-size=1200,3000", f"--screenshot={shot}", out.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and shot.stat().st_size > 50_000
