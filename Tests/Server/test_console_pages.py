"""The console's function, rule, event, table and topic pages (docs/console.md) in a real browser,
as test_console.py drives the others: a function's Test form, the rule and the event of seed
001's failing run with the dead letter of its failed delivery, and the item a machine wrote.
Screenshots of these pages go to docs/console/ too, when HOST_UPDATE_SCREENSHOTS is 1
(test_console.py)."""
import json
import re
import shutil
import time

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import Server, make_workspace
from test_console import CHROMIUM, shot, start, write

# Seed 001's failing run is the one started with {"fail": true}; it ends SUCCEEDED (its Catch
# handles TestError), and its status change carries that input (docs/status-events.md).
SEED_001_RULE = {
    "Description": "Seed 001's failing run: TestErrorHandling executions started with {\"fail\": true}.",
    "EventPattern": {
        "source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
        "detail": {"stateMachineArn": ["arn:aws:states:us-east-1:123456789012:stateMachine:TestErrorHandling"],
                   "status": ["SUCCEEDED"], "input": [{"wildcard": "*\"fail\":true*"}]}},
    "Targets": [{"Id": "notify", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:Notify",
                 "RetryPolicy": {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60}}],
}
WRITE_ORDER = {"StartAt": "Put", "States": {
    "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "ResultPath": None,
            "Parameters": {"TableName": "demo-orders", "Item": {"id": {"S.$": "$.id"}, "note": {"S": "written by a machine"}}},
            "Next": "Announce"},
    "Announce": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                 "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:status", "Message.$": "$.id"}, "End": True}}}


@pytest.fixture(scope="module")
def console():
    folder = make_workspace()
    write(folder, "functions/Greeter.lua",
          'function handler(event, context)\n  print("hello " .. event.name)\n  return {greeting = "hello " .. event.name}\nend\n')
    write(folder, "functions/Notify.lua", 'function handler(event, context)\n  error("no one to notify")\nend\n')
    write(folder, "rules/seed-001-failing-run.json", json.dumps(SEED_001_RULE))
    write(folder, "machines/WriteOrder.json", json.dumps(WRITE_ORDER))
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
    yield page
    context.close()


def reload_until(page, selector, text, timeout=30):
    """Reloads until the element of `selector` holds `text`: what the bus delivers in the
    background shows on a later load of the page."""
    deadline = time.time() + timeout
    while True:
        found = page.locator(selector)
        if found.count() and text in found.first.inner_text():
            return found
        if time.time() > deadline:
            raise AssertionError("%s never showed %r" % (selector, text))
        time.sleep(0.1)
        page.reload()


def test_a_functions_test_event_shows_its_result_and_log_line(page):
    page.goto("/functions")
    page.get_by_role("link", name="Greeter", exact=True).click()
    expect(page.locator("h1")).to_have_text("Greeter")
    # JSON that does not parse is refused where it is typed, and nothing is sent.
    page.get_by_label("Event JSON").fill('{"name": ')
    page.get_by_role("button", name="Test", exact=True).click()
    expect(page.locator("#event-error")).to_contain_text("Not valid JSON")
    assert page.url.endswith("/functions/Greeter")
    page.get_by_label("Event JSON").fill('{"name": "console"}')
    page.get_by_role("button", name="Test", exact=True).click()
    expect(page.locator("#result-status")).to_have_text("succeeded")
    expect(page.locator("#result-payload")).to_contain_text('"greeting": "hello console"')
    expect(page.locator("#result-log")).to_contain_text("hello console")
    request_id = page.locator("#result-request-id").inner_text()
    shot(page, "function")
    page.goto("/functions/Greeter")
    expect(page.locator("table.invocations")).to_contain_text(request_id)


def test_rules_and_events_after_seed_001s_failing_run(page):
    start(page, "TestErrorHandling", '{"fail": true}', name="seed-001-on-the-bus")
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    page.goto("/rules")
    rule = page.locator("#rule-seed-001-failing-run")
    expect(rule.locator("pre.pattern")).to_contain_text("TestErrorHandling")
    rule.get_by_role("link", name=re.compile("function:Notify$")).click()
    expect(page.locator("h1")).to_have_text("Notify")
    page.goto("/rules")
    shot(page, "rules")
    page.goto("/events")
    letters = reload_until(page, "table.dead-letters", "no one to notify")
    expect(letters).to_contain_text("seed-001-failing-run")
    row = page.locator("table.bus-events tr", has_text="seed-001-on-the-bus").filter(has_text="SUCCEEDED")
    expect(row.locator("td.matched")).to_contain_text("seed-001-failing-run")
    shot(page, "events")


def test_a_table_shows_the_item_a_machine_wrote_and_the_topic_its_message(page):
    start(page, "WriteOrder", '{"id": "order-7"}')
    expect(page.locator("#execution-status")).to_have_text("SUCCEEDED", timeout=30000)
    page.goto("/tables")
    page.get_by_role("link", name="demo-orders", exact=True).click()
    expect(page.locator("table.items")).to_contain_text("written by a machine")
    expect(page.locator("table.items")).to_contain_text("order-7")
    shot(page, "table")
    page.goto("/topics/status")
    expect(page.locator("table.messages")).to_contain_text("order-7")
    shot(page, "topic")
