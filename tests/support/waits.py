"""What a browser test waits for is what it asserts.

A bare `page.wait_for_function(...)` fails, after Playwright's 30 s, with a timeout that says
nothing of what the reader should have seen. These helpers wait (a few seconds: an interaction
answers at once, the margin is for a busy CI machine), then assert the same condition with a
message in the tests' words, so a failure reads as what did not happen.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# A click, a key or a scroll answers within a frame or two; 10 s covers a loaded 2-core runner.
INTERACTION = 10_000


def eventually(page, condition: str, message: str, *, arg=None, timeout: float = INTERACTION) -> None:
    """Assert that the JavaScript `condition` (an expression, or a function of `arg`) becomes true."""
    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout)
    except PlaywrightTimeoutError:
        pass
    assert page.evaluate(condition, arg), f"{message} (toujours faux au bout de {timeout / 1000:g} s : {condition})"


def arrives_at(page, expected: Callable[[str], bool] | str, message: str, *, timeout: float = INTERACTION) -> None:
    """Assert that the page reaches an address: `expected` is the full URL, or a test of the URL."""
    matches = expected if callable(expected) else (lambda url: url == expected)
    try:
        page.wait_for_url(matches, timeout=timeout)
    except PlaywrightTimeoutError:
        pass
    assert matches(page.url), f"{message} (adresse au bout de {timeout / 1000:g} s : {page.url})"


def appears(locator, message: str, *, timeout: float = INTERACTION) -> None:
    """Assert that the first element of `locator` is shown."""
    try:
        locator.first.wait_for(state="visible", timeout=timeout)
    except PlaywrightTimeoutError:
        pass
    assert locator.first.is_visible(), f"{message} (rien de visible au bout de {timeout / 1000:g} s)"


def until(check: Callable[[], bool], message: str, *, timeout: float = INTERACTION) -> None:
    """Assert that a condition outside the page (a server listening, a commit made) becomes true."""
    deadline = time.monotonic() + timeout / 1000
    while not check() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert check(), f"{message} (toujours faux au bout de {timeout / 1000:g} s)"
