"""The published web map in a real browser (headless Chromium, network off): search, panel, deep link, language,
names shown as text, interactive within a second."""
import time

import pytest

from planner.core.months import parse_month, quarter_label
from planner.io.exports.formats import export
from planner.io.exports.plan import build_plan

from browser import make_driver
from project_samples import sample_project




@pytest.fixture(scope="module")
def project():
    p = sample_project(per_commune_cap=40)
    p.name = "Plan <b>Gers</b> & co"
    p.phases[0].name = "Phase 1 — <img src=x onerror=alert(1)> Auch"
    return p


@pytest.fixture(scope="module")
def site(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("web") / "site"
    export(project, "web", out, lang="fr")
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    d = make_driver(tmp_path_factory.mktemp("browser"))
    yield d
    d.quit()


def _open(browser, site, fragment=""):
    t0 = time.perf_counter()
    browser.get((site / "index.html").as_uri() + fragment)
    for _ in range(100):
        if browser.execute_script("return document.body.dataset.ready") == "1":
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise AssertionError("the page never became ready: " + str(browser.get_log("browser")))


def _text(browser, element_id):
    return browser.execute_script(f"return document.getElementById('{element_id}').textContent")


def _expected(project, code):
    plan = build_plan(project)
    r = plan.result
    row = project.communes.index_of(code)
    start = parse_month(r.start)
    first = int((r.commune_eligible[row] > 0).argmax())
    last = int(r.commune_month_100[row])
    phase = plan.communes.columns["phase"][row]
    return phase, quarter_label(start + first, "fr"), quarter_label(start + last, "fr")


def test_search_by_name_without_accents_fills_the_panel(project, site, browser):
    from selenium.webdriver.common.keys import Keys

    seconds = _open(browser, site)
    assert seconds < 1.0, f"interactive after {seconds:.2f} s"
    box = browser.find_element("id", "search")
    box.send_keys("auch")
    suggestions = browser.find_elements("css selector", "#suggestions li[data-code]")
    assert suggestions and suggestions[0].get_attribute("data-code") == "32013"
    box.send_keys(Keys.ENTER)
    phase, q_first, q_last = _expected(project, "32013")
    assert _text(browser, "c-name") == "Auch"
    assert _text(browser, "c-phase") == phase  # the hostile phase name, shown as typed
    assert _text(browser, "c-quarters") in (f"{q_first} à {q_last}", q_first)
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0  # no element from a name
    assert browser.execute_script("return location.hash") == "#32013"
    assert _text(browser, "project-name") == project.name


def test_accent_insensitive_and_postcode_search(site, browser, project):
    _open(browser, site)
    names = dict(zip(project.communes.codes, project.communes.names))
    accented = next(c for c, n in names.items() if n == "Bézéril")
    box = browser.find_element("id", "search")
    box.send_keys("bezeril")  # typed without the accents
    codes = [li.get_attribute("data-code") for li in browser.find_elements("css selector", "#suggestions li[data-code]")]
    assert accented in codes
    box.clear()
    box.send_keys("32000")  # Auch's postcode
    codes = [li.get_attribute("data-code") for li in browser.find_elements("css selector", "#suggestions li[data-code]")]
    assert "32013" in codes


def test_deep_link_language_switch_and_screenshot(project, site, browser):
    _open(browser, site, "#32013")
    phase, q_first, q_last = _expected(project, "32013")
    assert _text(browser, "c-name") == "Auch" and _text(browser, "c-phase") == phase
    browser.find_element("id", "lang-en").click()
    assert _text(browser, "c-quarters").replace(" to ", " à ").replace("Q", "T") in (f"{q_first} à {q_last}", q_first)
    assert browser.execute_script("return document.documentElement.lang") == "en"
    assert "Premises" in browser.execute_script("return document.querySelector('#commune dl').textContent")
    browser.find_element("id", "lang-fr").click()
    assert "Locaux" in browser.execute_script("return document.querySelector('#commune dl').textContent")


def _pixel_at_commune(browser, project, code):
    """The map canvas pixel (r, g, b) at a commune's representative point, as the user sees it."""
    import pyproj
    import shapely

    pt = shapely.point_on_surface(project.communes.geometries[project.communes.index_of(code)])
    lon, lat = pyproj.Transformer.from_crs(2154, 4326, always_xy=True).transform(pt.x, pt.y)
    return browser.execute_script("""
        var m = window.RolloutPlanner.map, p = m.latLngToContainerPoint([arguments[1], arguments[0]]);
        var c = document.querySelector('.leaflet-overlay-pane canvas'), r = c.getBoundingClientRect();
        var mr = m.getContainer().getBoundingClientRect();
        var x = Math.round(p.x + mr.left - r.left), y = Math.round(p.y + mr.top - r.top);
        var d = c.getContext('2d').getImageData(x * c.width / r.width, y * c.height / r.height, 1, 1).data;
        return [d[0], d[1], d[2]];""", lon, lat)


def test_time_slider_recolours_communes(project, site, browser):
    from planner.core.simulation.palette import COVERAGE_COLOURS

    _open(browser, site)
    browser.find_element("css selector", "input[name=mode][value=coverage]").click()
    last = _expected_last_month(project, "32013")

    def expected(hex_colour):  # the canvas holds the fill colour itself (its alpha composes it on screen)
        return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]

    for month, colour in ((0, COVERAGE_COLOURS[0]), (last, COVERAGE_COLOURS[-1])):
        browser.execute_script("var s = document.getElementById('slider'); s.value = arguments[0];"
                               "s.dispatchEvent(new Event('input'));", month)
        for _ in range(40):  # Leaflet's canvas repaints on the next animation frame
            pixel = _pixel_at_commune(browser, project, "32013")
            if max(abs(a - b) for a, b in zip(pixel, expected(colour))) <= 3:
                break
            time.sleep(0.05)
        assert max(abs(a - b) for a, b in zip(pixel, expected(colour))) <= 3, (month, pixel, colour)
    assert _text(browser, "month-label") == build_plan(project).result.months[last]


def _expected_last_month(project, code):
    return int(build_plan(project).result.commune_month_100[project.communes.index_of(code)])
