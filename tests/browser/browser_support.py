"""What the browser tests share: the Debian packages they need, the API asked directly, Swedish
numbers as the page writes them, and a headless Chromium whose console is kept
(tests/browser/test_workbench.py, test_new_forbund.py). finsim serve is started and stopped by
tests/serve_process.py, which check_serve_api.py shares."""
import json
import os
import shutil
import sys
import time
import urllib.request

PACKAGES = 'chromium chromium-driver python3-selenium'


def fail(message):
    print(f'FAIL: {message}', file=sys.stderr)
    sys.exit(1)


def need_browser():
    missing = [p for p, ok in [('chromium', shutil.which('chromium')), ('chromium-driver', shutil.which('chromedriver'))] if not ok]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append('python3-selenium')
    if missing:
        fail(f'the browser tests need the Debian packages {PACKAGES} (missing: {", ".join(missing)}); '
             'install them with: bash tools/setup.sh --tests')


# Swedish numbers exactly as the page writes them (Intl.NumberFormat('sv-SE')): non-breaking
# spaces between thousands, U+2212 for minus, a decimal comma.
def kr(x):
    if x is None:
        return '–'
    n = round(x)
    text = f'{abs(n):,}'.replace(',', '\u00a0')
    return f'{"−" if n < 0 else ""}{text} kr'


def plain(text):
    """Text as WebDriver reads it from the page: non-breaking and narrow spaces as spaces."""
    if isinstance(text, list):
        return [plain(t) for t in text]
    return text.replace('\u00a0', ' ').replace('\u202f', ' ')


def api(base, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method='POST' if body is not None else 'GET')
    if body is not None:
        request.add_header('Content-Type', 'application/json')
    with urllib.request.urlopen(request, timeout=300) as r:
        return json.loads(r.read())


class Browser:
    """Headless Chromium at 1400 × 1000 in Swedish, its console read into `console`."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which('chromium')
        for o in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1400,1000', '--lang=sv-SE'):
            options.add_argument(o)
        options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
        self.driver = webdriver.Chrome(service=Service(shutil.which('chromedriver')), options=options)
        # The page re-renders a table while a condition reads it: a stale element means "not yet".
        self.wait = WebDriverWait(self.driver, 120, ignored_exceptions=(StaleElementReferenceException,))
        self.console = []

    def texts(self, selector):
        """The shown text of every element matching `selector`, read in one script so a re-render
        between finding and reading cannot leave a stale element."""
        return self.driver.execute_script(
            'return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())', selector)

    def run_done(self):
        """Waits until the workbench has finished its run and shows a result (window.finsimApp)."""
        self.wait.until(lambda d: d.execute_script('return !window.finsimApp.running && window.finsimApp.result !== null'))

    def read_console(self):
        for entry in self.driver.get_log('browser'):
            self.console.append(entry)
            if entry['level'] == 'SEVERE':
                print(f"browser console: {entry['message']}", file=sys.stderr)

    def save_page(self, directory, name, tallest):
        """The whole page as directory/name.png: the window stretched to the page's height (at most
        `tallest` pixels) for the picture, then back to 1400 × 1000."""
        os.makedirs(directory, exist_ok=True)
        height = self.driver.execute_script('return document.documentElement.scrollHeight')
        self.driver.set_window_size(1400, min(max(1000, height + 40), tallest))
        time.sleep(0.3)
        self.driver.save_screenshot(os.path.join(directory, f'{name}.png'))
        self.driver.set_window_size(1400, 1000)

    def severe(self):
        return [e for e in self.console if e['level'] == 'SEVERE']

    def quit(self):
        self.driver.quit()
