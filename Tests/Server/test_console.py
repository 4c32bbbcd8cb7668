"""The web console of `host serve` (docs/console.md) driven in a real browser: Debian's
headless Chromium through Playwright (both installed by .ci/setup). Seed 001's steps, a start
form's check, an execution followed live, Stop, a callback answered, a log group filtered, and
a state named with markup shown as text. Screenshots of the main pages go to docs/console/ when
asked: HOST_UPDATE_SCREENSHOTS=1 python3 -m pytest -q Tests/Server/test_console.py
Tests/Server/test_console_pages.py. Otherwise a run leaves them as they are, and the tree clean."""
import json
import os
import re
import shutil
import sys

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import ROOT, Server, make_workspace

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
SCREENSHOTS = os.path.join(ROOT, "docs", "console")
# Set to 1 to rewrite the screenshots README.md and docs/console.md show.
UPDATE_SCREENSHOTS = "HOST_UPDATE_SCREENSHOTS"
# Long enough for a page to load and be watched while it runs; the test waits for its end.
WAIT_SECONDS = 3
HOSTILE = "<img src=x onerror=alert(1)>"


def write(folder, path, text):
    with open(os.path.join(folder, path), "w") as f:
        f.write(text)


@pytest.fixture(scope="module")
def console():
    folder = make_workspace()
    write(folder, "machines/Waiting.json", json.dumps({"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": WAIT_SECONDS, "Next": "Done"}, "Done": {"Type": "Pass", "End": True}}}))
    write(folder, "machines/Sleepy.json", json.dumps({"StartAt": "Sleep", "States": {
        "Sleep": {"Type": "Wait", "Seconds": 600, "End": True}}}))
    write(folder, "machines/Callback.json", json.dumps({"StartAt": "Submit", "States": {"Submit": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": "Submit", "Payload": {"token.$": "$$.Task.Token", "job.$": "$.job"}}, "End": True}}}))
    write(folder, "functions/Submit.lua", 'function handler(event, context) print("submitted " .. event.job) return "queued" end\n')
    write(folder, "machines/Paged.json", json.dumps({"StartAt": "Each", "States": {"Each": {
        "Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Step",
                                                                 "States": {"Step": {"Type": "Pass", "End": True}}}, "End": True}}}))
    write(folder, "functions/Say.lua", 'function handler(event, context) print(event.line) return "said" end\n')
    write(folder, "machines/Hostile.json", json.dumps({"StartAt": HOSTILE, "States": {HOSTILE: {"Type": "Pass", "End": True}}}))
    running = Server(folder).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield running, browser
        browser.close()
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def page(console):
    server, browser = console
    context = browser.new_context(base_url=server.endpoint, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def start(page, machine, input_text, name=None):
    page.goto("/machines/" + machine)
    if name:
        page.get_by_label("Name (optional)").fill(name)
    page.get_by_label("Input (JSON)").fill(input_text)
    page.get_by_role("button", name="Start execution").click()
    page.wait_for_url(re.compile(r"/executions/"))


def shot(page, name):
    """Saves the page as docs/console/<name>.png, only when HOST_UPDATE_SCREENSHOTS is 1."""
    if os.environ.get(UPDATE_SCREENSHOTS) != "1":
        return
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, name + ".png"), full_page=True)


def test_screenshots_are_written_only_when_asked(page, tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "SCREENSHOTS", str(tmp_path))
    page.goto("/")
    for unasked in (None, "0", ""):
        if unasked is None:
            monkeypatch.delenv(UPDATE_SCREENSHOTS, raising=False)
        else:
            monkeypatch.setenv(UPDATE_SCREENSHOTS, unasked)
        shot(page, "home")
        assert os.listdir(tmp_path) == [], unasked
    monkeypatch.setenv(UPDATE_SCREENSHOTS, "1")
    shot(page, "home")
    assert os.listdir(tmp_path) == ["home.png"]
    with open(tmp_path / "home.png", "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"


def test_seed_001_caught_state_its_error_and_the_error_handlers_log_line(page):
    page.goto("/")
    expect(page.get_by_role("link", name="TestErrorHandling", exact=True)).to_be_visible()
    start(page, "TestErrorHandling", '{"fail": true}', name="seed-001")
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    # Seed 001: Test caught (orange), ErrorHandler and FailState green.
    expect(page.get_by_role("link", name="Test", exact=True)).to_have_class(re.compile(r"\bs-caught\b"))
    expect(page.get_by_role("link", name="ErrorHandler", exact=True)).to_have_class(re.compile(r"\bs-succeeded\b"))
    expect(page.get_by_role("link", name="FailState", exact=True)).to_have_class(re.compile(r"\bs-succeeded\b"))
    test_node = page.get_by_role("link", name="Test", exact=True)
    test_node.click()
    detail = page.locator("#state-" + test_node.get_attribute("data-state"))
    expect(detail).to_be_visible()
    expect(detail.locator(".state-error")).to_have_text("TestError")
    expect(detail.locator(".state-cause")).to_contain_text("the event asked for a failure")
    shot(page, "execution")
    page.get_by_role("link", name="Log lines of its invocations").click()
    expect(page.locator("table.log-events")).to_contain_text("called error_handler")
    page.get_by_role("link", name="/aws/lambda/Error").first.click()
    expect(page.locator("h1")).to_have_text("/aws/lambda/Error")
    shot(page, "logs")


def test_a_log_group_is_filtered_with_a_pattern(page):
    start(page, "TestErrorHandling", '{"fail": true}')
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    page.goto("/logs")
    page.get_by_role("link", name="/aws/lambda/Error", exact=True).click()
    page.get_by_label("Filter pattern").fill('"called error_handler"')
    page.get_by_role("button", name="Search").click()
    expect(page.locator("table.log-events")).to_contain_text("called error_handler")
    page.get_by_label("Filter pattern").fill("no_such_words_anywhere")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("p.empty")).to_have_text("No events match the filter.")


def test_input_that_is_not_json_is_refused_before_it_is_sent(page):
    page.goto("/machines/Waiting")
    page.get_by_label("Input (JSON)").fill('{"a": ')
    page.get_by_role("button", name="Start execution").click()
    expect(page.locator("#input-error")).to_contain_text("Not valid JSON")
    assert page.url.endswith("/machines/Waiting")
    shot(page, "machine")


def test_a_running_execution_is_followed_live_without_a_reload(page):
    start(page, "Waiting", "{}")
    expect(page.locator("#execution-status")).to_have_text("RUNNING")
    expect(page.get_by_role("link", name="Pause", exact=True)).to_have_class(re.compile(r"\bs-inProgress\b"))
    page.evaluate("window.notReloaded = true")
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=WAIT_SECONDS * 1000 + 30000)
    expect(page.get_by_role("link", name="Done", exact=True)).to_have_class(re.compile(r"\bs-succeeded\b"))
    expect(page.locator("table.history")).to_contain_text("ExecutionSucceeded")
    assert page.evaluate("window.notReloaded === true"), "the page was reloaded"


def test_stop_a_running_execution(page):
    start(page, "Sleepy", "{}")
    expect(page.locator("#execution-status")).to_have_text("RUNNING")
    page.get_by_role("button", name="Stop execution").click()
    expect(page.locator("#execution-status")).to_have_text("ABORTED", timeout=30000)
    expect(page.locator("table.history")).to_contain_text("ExecutionAborted")


def test_answer_a_callback_waiting_on_its_token(page):
    start(page, "Callback", '{"job": "j-1"}')
    expect(page.get_by_role("button", name="Send task success")).to_be_visible(timeout=30000)
    page.get_by_label("Output (JSON)").fill('{"done": "by the console"}')
    page.get_by_role("button", name="Send task success").click()
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    expect(page.locator("#execution-output")).to_contain_text("by the console")


def test_a_state_named_with_markup_shows_as_text(page):
    start(page, "Hostile", "{}")
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    expect(page.get_by_role("link", name=HOSTILE, exact=True)).to_be_visible()
    assert page.locator("main img").count() == 0
    assert page.dialogs == []


def succeeded_count(page, machine):
    page.goto("/")
    row = page.locator("tr", has=page.get_by_role("link", name=machine, exact=True))
    column = page.locator("table.machines th").all_inner_texts().index("SUCCEEDED")
    return int(row.locator("td").nth(column).inner_text())


def test_the_home_page_counts_executions_by_status_and_is_reached_by_keyboard(page):
    before = succeeded_count(page, "Hostile")
    start(page, "Hostile", "{}")
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    assert succeeded_count(page, "Hostile") == before + 1
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("host")
    shot(page, "home")


def test_a_long_history_is_paged_and_its_map_summarised(page):
    # 300 Pass items: 4 events each and 6 for the execution and its Map (docs/history.md).
    start(page, "Paged", json.dumps({"items": list(range(300))}))
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=60000)
    page.reload()
    expect(page.locator("nav.pages .range")).to_have_text("Events 1 to 500 of 1206")
    expect(page.locator("table.history tbody tr")).to_have_count(500)
    summary = page.locator("tr.map-summary")
    expect(summary.locator("td.started")).to_have_text("300")
    expect(summary.locator("td.succeeded")).to_have_text("300")
    page.get_by_role("link", name="Later").click()
    expect(page.locator("nav.pages .range")).to_have_text("Events 501 to 1000 of 1206")
    expect(page.locator("table.history tbody tr").first).to_have_id("event-501")
    page.get_by_role("link", name="Last").click()
    expect(page.locator("nav.pages .range")).to_have_text("Events 1001 to 1206 of 1206")
    expect(page.get_by_role("link", name="Later")).to_have_count(0)


def test_live_tail_shows_new_lines_that_match_the_filter(console, page):
    server, _ = console
    say = server.client("lambda")
    say.invoke(FunctionName="Say", Payload=json.dumps({"line": "wanted before the tail"}))
    page.goto("/logs/%2Faws%2Flambda%2FSay?filter=wanted")
    page.get_by_role("button", name="Start live tail").click()
    expect(page.locator("#tail-state")).to_have_text("Tailing")
    say.invoke(FunctionName="Say", Payload=json.dumps({"line": "other words entirely"}))
    say.invoke(FunctionName="Say", Payload=json.dumps({"line": "wanted after the tail began"}))
    tail = page.locator("#tail-events")
    expect(tail).to_contain_text("wanted after the tail began", timeout=30000)
    # Written before the wanted line, it would be there by now if the filter let it through.
    expect(tail).not_to_contain_text("other words entirely")
    expect(tail).not_to_contain_text("wanted before the tail")
    shot(page, "live-tail")
