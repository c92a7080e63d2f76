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


def _panel(browser, site, code):
    browser.get((site / "index.html").as_uri() + "#" + code)
    for _ in range(100):
        if browser.execute_script("return document.body.dataset.ready") == "1":
            break
        time.sleep(0.05)
    browser.execute_script("window.location.hash = arguments[0]", code)
    time.sleep(0.1)
    return (browser.execute_script("return document.getElementById('c-quarters-label').textContent"),
            browser.execute_script("return document.getElementById('c-quarters').textContent"))


def test_communes_built_before_the_scenario_start_show_their_real_first_quarter(site, tmp_path):
    """Issue 16: 'Éligibilité prévue' counted from the scenario start (T1 2018) for communes built before it; the
    real history (result.as_built) gives the quarter their first units came, marked real, the rest planned."""
    from planner.core.months import format_month, quarter_label
    from planner.core.phases.assignment import assign
    from planner.core.simulation.coverage import simulate

    p = sample_project(per_commune_cap=6000)
    p.as_built = AsBuilt([snapshot_from_actuals(read_actuals(ARCEP_CSV, p.communes), p.communes)])
    p.scenarios[p.active_scenario].start = "2018-01"
    result = simulate(p, assign(p))
    st = result.as_built.state
    first_real = st.commune_first_month()
    auch, seen_late, condom = (p.communes.index_of(c) for c in ("32013", "32213", "32107"))
    assert format_month(int(st.points[0])) == "2017-09" and first_real[auch] == st.points[0] < st.start
    assert st.points[0] < first_real[seen_late] < st.start  # first shown by the second figure: T4 2017 exactly
    q = lambda m: quarter_label(int(m), "fr")  # noqa: E731
    planned_100 = q(st.start + int(result.commune_month_100[auch]))
    browser = make_driver(tmp_path)
    try:
        label, text = _panel(browser, site, "32013")
        # units already there at the first figure (end of T3 2017): eligible by then at the latest
        assert label == "Éligibilité"
        assert text == f"au plus tard {q(first_real[auch])} (réel) à {planned_100} (prévu)"
        assert text.startswith("au plus tard T3 2017 (réel)")
        label, text = _panel(browser, site, "32213")
        assert q(first_real[seen_late]) == "T4 2017" and text.startswith("T4 2017 (réel)")
        # a commune not built yet: planned quarters, as before
        label, text = _panel(browser, site, "32107")
        first = int(result.commune_eligible[condom].nonzero()[0][0])
        assert label == "Éligibilité prévue"
        assert text == f"{q(st.start + first)} à {q(st.start + int(result.commune_month_100[condom]))}"
        assert first_real[condom] == -1
        browser.find_element("id", "lang-en").click()
        label, text = _panel(browser, site, "32013")
        assert label == "Eligibility" and text.startswith("by Q3 2017 (actual) to ") and text.endswith("(planned)")
        browser.save_screenshot(str(tmp_path / "as_built_web.png"))
    finally:
        browser.quit()
