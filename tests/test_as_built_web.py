"""The published web map tells built from planned: a commune's status and its units built at the as-of month,
the page's 'today' at that month (headless Chromium, network off)."""
import time

import pytest

from conftest import ARCEP_CSV
from planner.core.project.as_built import AsBuilt, snapshot_from_actuals
from planner.io.actuals.reader import read_actuals
from planner.io.exports.formats import export

from browser import make_driver
from project_samples import sample_project


@pytest.fixture(scope="module")
def site(tmp_path_factory, shared_data):
    p = sample_project(per_commune_cap=6000)
    p.as_built = AsBuilt([snapshot_from_actuals(read_actuals(ARCEP_CSV, p.communes), p.communes)])
    p.scenarios[p.active_scenario].start = "2018-01"
    out = tmp_path_factory.mktemp("web") / "site"
    export(p, "web", out, lang="fr")
    return out


def test_commune_status_and_built_units(site, tmp_path):
    browser = make_driver(tmp_path)
    try:
        browser.get((site / "index.html").as_uri() + "#32013")
        for _ in range(100):
            if browser.execute_script("return document.body.dataset.ready") == "1":
                break
            time.sleep(0.05)
        status = browser.execute_script("return document.getElementById('c-status').textContent")
        assert status.startswith("en cours — ") and "construits à fin 2018-03 (réel)" in status
        assert "5\u202f808" in status or "5 808" in status or "5808" in status
        assert browser.execute_script("return window.ROLLOUT_PLAN.meta.as_of") == "2018-03"
        assert browser.execute_script("return window.ROLLOUT_PLAN.meta.today_index") == 2
        browser.get((site / "index.html").as_uri() + "#32107")
        time.sleep(0.3)
        assert browser.execute_script("return document.getElementById('c-status').textContent") == "prévu"
        browser.save_screenshot(str(tmp_path / "web.png"))
    finally:
        browser.quit()
