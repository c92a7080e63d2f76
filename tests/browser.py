"""A real browser for tests of the published web map: Debian's headless Chromium driven by chromedriver
(both installed by installer/sysdeps.sh), with the network switched off."""
from __future__ import annotations

import shutil

import pytest

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]


def chromium_paths() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (browser and driver):
        pytest.fail("Chromium and chromedriver are needed for the web-map tests: run installer/sysdeps.sh "
                    "(Debian packages chromium and chromium-driver)")
    return browser, driver


def make_driver(tmp_path, width: int = 1400, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS + [f"--window-size={width},{height}", f"--user-data-dir={tmp_path / 'chromium'}"]:
        options.add_argument(flag)
    d = webdriver.Chrome(service=Service(driver), options=options)
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0, "downloadThroughput": -1,
                                                           "uploadThroughput": -1})
    return d
