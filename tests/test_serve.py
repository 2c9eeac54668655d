"""`mkdocs serve` with broken content, in real Chromium: the open page reloads by itself into the
error page listing every problem, and back into the real page once the content is fixed."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.error_site import error_site, page_paths
from generator.errors import ContentError, ContentInvalid, Location
from generator.pages import Edition
from generator.pipeline import check_content, write_site
from generator.validate import load_corpus

from .conftest import PROJECT

DOCUMENT_PAGE = "councils/dudley/2018-03-05-monitoring-visit/"
DOCUMENT_TITLE = "Monitoring visit of Dudley Metropolitan Borough Council children's services"
DOCUMENT_FILE = "content/councils/dudley/documents/2018-03-05-monitoring-visit.yaml"
# A paragraph of that document: an unknown theme whose name is a script, and a script in its text.
VALID = ("        themes: [leadership]\n        text: |-\n"
         "          The local authority continues to make positive progress")
BROKEN = ('        themes: [leadership, "<script>window.pwned = 1</script>"]\n        text: |-\n'
          "          <script>window.pwned = 2</script> The local authority continues to make positive progress")
ARTIFACTS = PROJECT / "test-artifacts" / "screenshots"
WAIT_MS = 20_000  # for each rebuild and the reload it causes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"{url} was not served within {seconds} s")


def stop(server: subprocess.Popen) -> None:
    """Ctrl-C, so MkDocs removes its temporary site folder; killed if it does not stop."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for folder in ("content", "templates"):
        shutil.copytree(PROJECT / folder, tmp_path / folder)
    shutil.copy(PROJECT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def problems_of(project: Path) -> list[str]:
    """What `python -m generator check` would say about the content, path:line:column: message."""
    with pytest.raises(ContentInvalid) as invalid:
        load_corpus(project / "content", project)
    return [str(error) for error in invalid.value.errors]


def test_serve_shows_every_problem_on_the_open_page_until_the_content_is_fixed(project, browser):
    document = project / DOCUMENT_FILE
    valid_text = document.read_text(encoding="utf-8")
    assert valid_text.count(VALID) == 1
    port = free_port()
    log = (project / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
    )
    context = browser.new_context()
    try:
        url = f"http://127.0.0.1:{port}/{DOCUMENT_PAGE}"
        wait_until_served(url, server, seconds=30)
        page = context.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(url)
        expect(page.locator("h1")).to_have_text(DOCUMENT_TITLE)

        document.write_text(valid_text.replace(VALID, BROKEN), encoding="utf-8")
        problems = problems_of(project)
        assert len(problems) >= 2
        heading = f"The content has {len(problems)} problems; the site will reload when they are fixed"
        expect(page.locator("h1")).to_have_text(heading, timeout=WAIT_MS)  # reloaded by itself
        assert page.url == url
        assert page.title().startswith(heading)
        listed = page.locator("main .content-problems li").all_inner_texts()
        assert listed == problems
        assert any(re.fullmatch(rf"{re.escape(DOCUMENT_FILE)}:\d+:\d+: .*<script>window\.pwned = 1</script>.*", p) for p in listed)
        assert page.locator("main script").count() == 0 and page.evaluate("window.pwned") is None
        assert page.evaluate("[...document.styleSheets].some(s => s.href.endsWith('/assets/style.css') && s.cssRules.length > 0)")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-error.png"), full_page=True)

        document.write_text(valid_text, encoding="utf-8")
        expect(page.locator("h1")).to_have_text(DOCUMENT_TITLE, timeout=WAIT_MS)  # and back by itself
        assert page.url == url
        assert refused == [], "the pages' policy let MkDocs' live-reload script run"
    finally:
        context.close()
        stop(server)
        log.close()
    output = (project / "serve.log").read_text(encoding="utf-8")
    assert all(problem in output for problem in problems), output  # printed in the terminal too
    assert "Aborted" not in output and "Traceback" not in output


def test_the_error_site_covers_every_page_of_the_last_good_build(tmp_path):
    edition = Edition(site_name="Evidence", directory_urls=True, live_reload=True)
    good = write_site(check_content(PROJECT / "content", PROJECT), PROJECT / "templates", edition, tmp_path)
    problem = ContentError(Location("content/themes.yaml", 3, 5), "unknown field 'colour'")
    files = {file.path: file.content for file in error_site(PROJECT / "templates", edition, [problem], page_paths(good))}
    pages = {path for path in good.paths if path.endswith(".html")}
    assert len(pages) > 20 and set(files) == pages | {"404.html"}
    assert files["404.html"] == files["index.html"]
    for path, html in files.items():
        depth = path.count("/")
        assert f'href="{"../" * depth}assets/style.css"' in html, path
        assert "content/themes.yaml:3:5</code>: unknown field &#39;colour&#39;" in html
        assert "The content has 1 problem; the site will reload when it is fixed" in html
        assert "script-src &#39;self&#39; &#39;unsafe-inline&#39;" in html  # MkDocs' reload script may run

    before_any_good_build = error_site(PROJECT / "templates", edition, [problem], ())
    assert [file.path for file in before_any_good_build] == ["index.html", "404.html"]


def test_serve_reports_link_loops_in_the_content_and_keeps_serving(project):
    """MkDocs itself would walk content/ following links: two links to their own folder make
    2^40 paths. The preview lists them as problems instead, at once."""
    folder = project / "content" / "councils" / "dudley"
    for name in ("loop-a", "loop-b"):
        (folder / name).symlink_to(".", target_is_directory=True)
    port = free_port()
    log = (project / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_served(url, server, seconds=30)
        with urllib.request.urlopen(url, timeout=5) as response:
            html = response.read().decode("utf-8")
    finally:
        stop(server)
        log.close()
    text = re.sub(r"<[^>]+>", "", html)
    for name in ("loop-a", "loop-b"):
        assert f"content/councils/dudley/{name}:1:1: symbolic links are not allowed" in text
