#!/usr/bin/env python3
"""The workbench in a real browser (issue 22, clarification 74): headless Chromium drives the
page finsim serve gives, against a temporary copy of the scenarios. It picks a scenario and checks
the summary sentence and a P50 against the API's own answer, edits a budget cell and sees a risk
change, marks a bad cell, saves a variant and finds its file, compares it with the base, replaces
it after the 409 question, opens every view, and requires a browser console without errors.

    test_workbench.py FINSIM SCENARIOS [--screenshots DIR] [--url URL]

Without Chromium, chromedriver or selenium the test fails naming the Debian packages; it is
never skipped. --screenshots saves every view as PNG (docs/images/serve/); --url drives a server
already running instead of starting one (the scenarios folder must then be the server's).
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # browser_support, and serve_process one folder up
from browser_support import Browser, api, fail, kr, need_browser, plain  # noqa: E402
from serve_process import start_server, stop_server  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('finsim')
    parser.add_argument('scenarios')
    parser.add_argument('--screenshots')
    parser.add_argument('--url')
    args = parser.parse_args()
    need_browser()

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select

    work = tempfile.mkdtemp(prefix='finsim-browser-')
    server = None
    browser = None
    try:
        if args.url:
            folder, url = args.scenarios, args.url
        else:
            folder = os.path.join(work, 'scenarios')
            shutil.copytree(args.scenarios, folder)
            shutil.rmtree(os.path.join(folder, 'variants', 'test-alternativ.toml'), ignore_errors=True)
            server, url, _ = start_server(args.finsim, folder)
        origin = re.match(r'https?://[^/]+', url).group(0)

        browser = Browser()
        driver, wait, console = browser.driver, browser.wait, browser.console
        read_console, severe = browser.read_console, browser.severe

        run_done = browser.run_done

        def tab(name):
            driver.find_element(By.ID, f'tab-{name}').click()
            wait.until(lambda d: d.find_element(By.ID, f'view-{name}').is_displayed())

        def shoot(name):
            if args.screenshots:
                browser.save_page(args.screenshots, name, 4000)

        texts = browser.texts

        # Pick the scenario; the summary sentence and a P50 equal the API's.
        driver.get(url)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#scenario option')) > 0)
        Select(driver.find_element(By.ID, 'scenario')).select_by_value('solleftea-2024.toml')
        wait.until(lambda d: d.execute_script("return window.finsimApp.file") == 'solleftea-2024.toml')
        run_done()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#forbund-summary li'))
        answer = api(origin, '/api/run', {'file': 'solleftea-2024.toml'})
        page_summary = texts('#forbund-summary li')
        if plain(page_summary) != plain(answer['summary']):
            fail(f'summary on the page {page_summary} differs from the API\'s {answer["summary"]}')
        years = answer['deterministic']['year']
        levels = answer['montecarlo']['quantile']
        k = min(range(len(levels)), key=lambda i: abs(levels[i] - 0.5))
        for y, year in enumerate(years):
            cell = driver.find_element(By.CSS_SELECTOR, f'#key-table td[data-q="p50"][data-year="{year}"]').text
            if plain(cell) != plain(kr(answer['montecarlo']['equity_q'][y][k])):
                fail(f'P50 {year} on the page "{cell}" differs from the API\'s {answer["montecarlo"]["equity_q"][y][k]}')
        print(f'ok: summary and P50 per year equal the API ({page_summary[0]})')
        read_console()
        shoot('forbund')

        # Budget: a bad cell is marked with its message; an edit re-runs and a risk changes.
        tab('budget')
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, 'input.cell'))
        cell = driver.find_element(By.CSS_SELECTOR, 'input.cell[data-key="insats.SamCoach.budget"][data-index="1"]')
        cell.send_keys(Keys.CONTROL, 'a')
        cell.send_keys('12 000 kronor', Keys.ENTER)
        wait.until(lambda d: cell.get_attribute('aria-invalid') == 'true')
        if not texts('#budget-problems li'):
            fail('a bad cell shows no message')
        cell.send_keys(Keys.ESCAPE)
        wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, '#budget-problems li'))
        before = texts('#budget-figures td[data-p="above_cap"]')
        before_forbund = driver.execute_script(
            "return [...document.querySelectorAll('#key-table td[data-p=\"above_cap\"]')].map(e => e.textContent)")
        cell = driver.find_element(By.CSS_SELECTOR, 'input.cell[data-key="insats.SamCoach.budget"][data-index="1"]')
        cell.send_keys(Keys.CONTROL, 'a')
        cell.send_keys('2\u00a0500\u202f000', Keys.ENTER)
        wait.until(lambda d: texts('#budget-figures td[data-p="above_cap"]') != before)
        run_done()
        after = texts('#budget-figures td[data-p="above_cap"]')
        after_forbund = driver.execute_script(
            "return [...document.querySelectorAll('#key-table td[data-p=\"above_cap\"]')].map(e => e.textContent)")
        if after_forbund == before_forbund:
            fail('the Förbund view did not follow the budget edit')
        if driver.find_element(By.CSS_SELECTOR, 'input.cell[data-key="insats.SamCoach.budget"][data-index="1"]').get_attribute('value') != '2\u00a0500\u00a0000':
            fail('the edited cell does not read 2 500 000')
        print(f'ok: SamCoach 2025 = 2 500 000 moved P(EK över taket) from {before} to {after}')
        read_console()
        shoot('budget')

        # Alternativ: save as a variant, find its file, compare it with the base.
        tab('alternativ')
        name = driver.find_element(By.ID, 'variant-name')
        name.send_keys('test-alternativ')
        driver.find_element(By.ID, 'variant-save').click()
        wait.until(lambda d: 'Sparat som variants/test-alternativ.toml' in d.find_element(By.CLASS_NAME, 'save-status').text)
        variant = os.path.join(folder, 'variants', 'test-alternativ.toml')
        if not os.path.isfile(variant):
            fail(f'no file {variant} after saving the variant')
        text = open(variant, encoding='utf-8').read()
        if 'extends' not in text or '2500000' not in text.replace('_', '').replace(' ', ''):
            fail(f'the variant file does not hold the edit:\n{text}')
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#compare-summary li'))
        compared = api(origin, '/api/compare', {'base': 'solleftea-2024.toml', 'variants': ['variants/test-alternativ.toml']})
        if plain(texts('#compare-summary li')) != plain(compared['summary']):
            fail(f'the comparison\'s sentences {texts("#compare-summary li")} differ from the API\'s {compared["summary"]}')
        if not driver.find_elements(By.CSS_SELECTOR, '#variant-list tr[data-file="variants/test-alternativ.toml"]'):
            fail('the saved variant is not listed')
        print(f'ok: saved {variant}, compared: {compared["summary"][0]}')
        read_console()
        if severe():
            fail(f'{len(severe())} errors in the browser console')
        shoot('alternativ')

        # Saving the same name again asks before replacing (409); the answer "yes" replaces it.
        earlier = driver.find_element(By.ID, 'compare-summary')
        driver.find_element(By.ID, 'variant-save').click()
        wait.until(expected_conditions.alert_is_present())
        driver.switch_to.alert.accept()
        wait.until(lambda d: 'Sparat som' in d.find_element(By.CLASS_NAME, 'save-status').text)
        # Saving compares again; a newer request of the same session would stop it (409), so wait.
        wait.until(expected_conditions.staleness_of(earlier))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#compare-summary li')
                   and 'Räknar' not in d.find_element(By.ID, 'compare-answer').text)
        read_console()
        expected_409 = [e for e in severe() if '409' in e['message'] and '/api/variant' in e['message']]
        console[:] = [e for e in console if e not in expected_409]
        print('ok: an existing variant is replaced only after the question')

        # Back to the base budget, then every other view with its answer.
        tab('budget')
        driver.find_element(By.ID, 'budget-reset').click()
        run_done()
        read_console()

        tab('utrymme')
        driver.find_element(By.ID, 'room-target').send_keys('800 000')
        driver.find_element(By.CSS_SELECTOR, '#room-form button[type=submit]').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#room-summary li') or d.find_elements(By.CSS_SELECTOR, '#room-answer .error'))
        if not driver.find_elements(By.CSS_SELECTOR, '#room-summary li'):
            fail(f'Utrymme: {driver.find_element(By.ID, "room-answer").text}')
        print(f'ok: Utrymme: {texts("#room-summary li")[0]}')
        shoot('utrymme')
        read_console()

        tab('kanslighet')
        Select(driver.find_element(By.ID, 'sens-method')).select_by_value('tornado')
        driver.find_element(By.CSS_SELECTOR, '#sensitivity-form button[type=submit]').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#tornado-table tbody tr') or d.find_elements(By.CSS_SELECTOR, '#sensitivity-answer .error'))
        if not driver.find_elements(By.CSS_SELECTOR, '#tornado-table tbody tr'):
            fail(f'Känslighet: {driver.find_element(By.ID, "sensitivity-answer").text}')
        rows = texts('#tornado-table tbody th')
        if any(re.search(r'\b(insats|cost|income|funding|member)\.', r) for r in rows):
            fail(f'raw key paths in the tornado: {rows}')
        print(f'ok: Känslighet: {rows[:3]}')
        shoot('kanslighet')
        read_console()

        tab('sammanslagning')
        driver.find_element(By.ID, 'merge-from').send_keys('2024')
        driver.find_element(By.ID, 'merge-kansli').send_keys('2 200 000')
        driver.find_element(By.ID, 'merge-styrelse').send_keys('600 000')
        driver.find_element(By.CSS_SELECTOR, '#merge-form button[type=submit]').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#merge-summary li') or d.find_elements(By.CSS_SELECTOR, '#merge-answer .error'))
        if not driver.find_elements(By.CSS_SELECTOR, '#merge-summary li'):
            fail(f'Sammanslagning: {driver.find_element(By.ID, "merge-answer").text}')
        print(f'ok: Sammanslagning: {texts("#merge-summary li")[0]}')
        shoot('sammanslagning')
        read_console()

        tab('avancerat')
        wait.until(lambda d: d.find_element(By.ID, 'scenario-text').get_attribute('value'))
        wait.until(lambda d: d.find_element(By.ID, 'validate-problems').text)
        editor = driver.find_element(By.ID, 'scenario-text')
        driver.execute_script("arguments[0].value = arguments[0].value.replace('first_year = 2024', 'first_year = 2024x'); arguments[0].dispatchEvent(new Event('input'))", editor)
        wait.until(lambda d: re.search(r'rad \d+:\d+', d.find_element(By.ID, 'validate-problems').text))
        print(f'ok: Avancerat: {driver.find_element(By.ID, "validate-problems").text.splitlines()[:2]}')
        shoot('avancerat')
        read_console()
        driver.execute_script("arguments[0].value = arguments[0].value.replace('first_year = 2024x', 'first_year = 2024'); arguments[0].dispatchEvent(new Event('input'))", editor)

        tab('hamta')
        links = driver.find_elements(By.CSS_SELECTOR, '#download-list a')
        kinds = {a.get_attribute('data-kind') for a in links}
        if not {'toml', 'h5', 'xlsx'} <= kinds:
            fail(f'Hämta lacks links: {kinds}')
        shoot('hamta')
        read_console()

        # Prognos with the actuals to date of a past year.
        Select(driver.find_element(By.ID, 'scenario')).select_by_value('backtest/year-to-date/norra-vastmanland-2023-aug.toml')
        wait.until(lambda d: d.execute_script("return window.finsimApp.file") == 'backtest/year-to-date/norra-vastmanland-2023-aug.toml')
        run_done()
        tab('prognos')
        wait.until(lambda d: d.find_element(By.ID, 'forecast-answer').text)
        lines = texts('#forecast-table tbody tr')
        # The forecast's table needs /api/run to answer with the result file's /forecast group.
        print(f'ok: Prognos: {len(lines)} lines' if lines else
              f'note: Prognos shows no table: {driver.find_element(By.ID, "forecast-answer").text[:120]}')
        shoot('prognos')

        read_console()
        if severe():
            fail(f'{len(severe())} errors in the browser console: {[e["message"] for e in severe()]}')
        print('ok: no errors in the browser console')
    finally:
        if browser:
            browser.quit()
        stop_server(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
