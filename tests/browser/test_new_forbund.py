#!/usr/bin/env python3
"""Nytt förbund in a real browser (issue 27): headless Chromium opens finsim serve on an empty
folder, which shows the Nytt förbund view. It fills Förbundet and Medlemmar with seed 002's
figures, pastes seed 002's "Budget 2024-2025" as a spreadsheet copies it (tab-separated, CRLF),
sees the subtotal "Summa styrelse och kansli" that does not add up in 2025 and 2026, saves, and
requires that `finsim run --deterministic` on the written file gives the same yearly driftbidrag,
costs, result and eget kapital as scenarios/solleftea-2024.toml to the krona. Saving again asks
before replacing (409), a bad amount is marked at its field, and the browser console has no
errors.

    test_new_forbund.py FINSIM SCENARIOS [--screenshots DIR]

Without Chromium, chromedriver or selenium the test fails naming the Debian packages; it is
never skipped. --screenshots saves each step as PNG (docs/images/serve/nytt-*.png).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]  # browser_support, and serve_process one folder up
from browser_support import Browser, fail, need_browser, plain  # noqa: E402
from serve_process import start_server, stop_server  # noqa: E402

PASTED = os.path.join(HERE, '..', 'pasted', 'seed-002-budget.tsv')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('finsim')
    parser.add_argument('scenarios')
    parser.add_argument('--screenshots')
    args = parser.parse_args()
    need_browser()
    import h5py
    import numpy as np
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions

    work = tempfile.mkdtemp(prefix='finsim-nytt-')
    server = None
    browser = None
    try:
        folder = os.path.join(work, 'tom-mapp')
        os.makedirs(folder)
        server, url, _ = start_server(args.finsim, folder)

        browser = Browser()
        driver, wait, console, read_console = browser.driver, browser.wait, browser.console, browser.read_console

        def shoot(name, element_id=None):
            if not args.screenshots:
                return
            os.makedirs(args.screenshots, exist_ok=True)
            if element_id:
                driver.execute_script('document.getElementById(arguments[0]).scrollIntoView()', element_id)
                time.sleep(0.3)
                driver.find_element(By.ID, element_id).screenshot(os.path.join(args.screenshots, f'{name}.png'))
                return
            browser.save_page(args.screenshots, name, 5000)

        def typed(element_id, text):
            e = driver.find_element(By.ID, element_id)
            e.send_keys(Keys.CONTROL, 'a')
            e.send_keys(text)
            return e

        texts = browser.texts

        def checked():
            """Waits for the live check to settle and returns whether Spara is enabled."""
            time.sleep(0.8)
            wait.until(lambda d: d.execute_script('return document.getElementById("nytt-verdict").textContent !== ""'))
            return driver.find_element(By.ID, 'nytt-save').is_enabled()

        # An empty folder opens on Nytt förbund.
        started = time.time()
        driver.get(url)
        wait.until(lambda d: d.find_element(By.ID, 'view-nytt').is_displayed())
        status = driver.find_element(By.ID, 'status').text
        if 'Nytt förbund' not in status:
            fail(f'an empty folder says "{status}", not where to begin')
        print(f'ok: an empty folder opens Nytt förbund ("{status}")')

        # 1 Förbundet, with a bad amount first: marked at its field, then mended.
        typed('nytt-name', 'Samordningsförbundet i Sollefteå')
        typed('nytt-first-year', '2024')
        typed('nytt-years', '3')
        typed('nytt-equity', '500 000 kronor')
        wait.until(lambda d: d.find_element(By.ID, 'nytt-equity').get_attribute('aria-invalid') == 'true')
        if not any('Ingående eget kapital' in t for t in texts('#nytt-errors li')):
            fail(f'a bad amount is not listed: {texts("#nytt-errors li")}')
        typed('nytt-equity', '500\u00a0000')
        typed('nytt-cash', '500 000 kr')
        typed('nytt-cap', '20 %')
        wait.until(lambda d: d.find_element(By.ID, 'nytt-equity').get_attribute('aria-invalid') is None)
        print('ok: a bad amount is marked at its field and listed, and cleared when mended')

        # 2 Medlemmar: Försäkringskassan and Arbetsförmedlingen are there; the region and the kommun.
        names = [e.get_attribute('value') for e in driver.find_elements(By.CSS_SELECTOR, '#nytt-members input.member-name')]
        if names[:2] != ['Försäkringskassan', 'Arbetsförmedlingen']:
            fail(f'the members start as {names}')
        typed('nytt-member-2-name', 'Region Västernorrland')
        typed('nytt-member-3-name', 'Sollefteå kommun')
        typed('nytt-member-3-population', '18 800')

        # 3 Budget: seed 002's table as Excel copies it (tabs, CRLF), inserted as a paste inserts it.
        with open(PASTED, encoding='utf-8') as f:
            table = f.read().replace('\n', '\r\n')
        box = driver.find_element(By.ID, 'nytt-paste')
        box.click()
        driver.execute_script('arguments[0].focus(); document.execCommand("insertText", false, arguments[1]);', box, table)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#nytt-rows tbody tr')) == 15)
        rows = texts('#nytt-rows tbody tr td:nth-child(2)')
        mismatch = plain(driver.find_element(By.ID, 'nytt-subtotals').text)
        for needed in ('Summa styrelse och kansli', '2025 står det 667 000 kr, raderna ger 687 000 kr',
                       '2026 står det 667 000 kr, raderna ger 687 000 kr'):
            if needed not in mismatch:
                fail(f'the mismatch "{needed}" is not shown: {mismatch}')
        kinds = {driver.find_element(By.CSS_SELECTOR, f'#nytt-rows tr[data-row="{r}"] input.row-name').get_attribute('value'):
                 driver.find_element(By.CSS_SELECTOR, f'#nytt-rows tr[data-row="{r}"] select.row-kind').get_attribute('value')
                 for r in rows}
        if kinds.get('SamCoach') != 'insats_individual' or kinds.get('Kansli') != 'kansli' or kinds.get('Psykiatriveckan') != 'insats_structural':
            fail(f'the rows\' kinds: {kinds}')
        print(f'ok: 15 rows read in, the mismatch shown: {mismatch.splitlines()[1]}')

        if not checked():
            fail(f'Spara is not enabled: {texts("#nytt-errors li")}')
        elapsed = time.time() - started
        file = driver.find_element(By.ID, 'nytt-file').get_attribute('value')
        if file != 'samordningsförbundet-i-sollefteå.toml':
            fail(f'the file name proposed is "{file}"')
        read_console()
        shoot('nytt-1-forbundet', 'nytt-forbund')
        shoot('nytt-2-medlemmar', 'nytt-medlemmar')
        shoot('nytt-3-budget', 'nytt-budget')
        shoot('nytt-4-spara', 'nytt-spara')
        shoot('nytt')

        # Spara: the file is written, listed, chosen and run.
        driver.find_element(By.ID, 'nytt-save').click()
        wait.until(lambda d: d.execute_script('return window.finsimApp.file') == file)
        browser.run_done()
        wait.until(lambda d: d.find_element(By.ID, 'view-forbund').is_displayed())
        path = os.path.join(folder, file)
        text = open(path, encoding='utf-8').read()
        for needed in ('inklistrad budget, rad 7', 'steget Förbundet', 'steget Medlemmar, rad 4', 'population = 18800'):
            if needed not in text:
                fail(f'the written file has no "{needed}":\n{text}')
        if driver.find_element(By.ID, 'forbund-name').text != 'Samordningsförbundet i Sollefteå':
            fail(f'the page names "{driver.find_element(By.ID, "forbund-name").text}" after saving')
        print(f'ok: saved {file} and opened it in Förbund ({elapsed:.1f} s from the empty page to Spara)')
        shoot('nytt-sparat')

        # To the krona against the seed scenario.
        out = os.path.join(work, 'ut')
        os.makedirs(out)
        subprocess.run([args.finsim, 'run', path, '--deterministic', '-q', '-o', os.path.join(out, 'ny.h5')], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([args.finsim, 'run', os.path.join(args.scenarios, 'solleftea-2024.toml'), '--deterministic', '-q',
                        '-o', os.path.join(out, 'seed.h5')], check=True, stdout=subprocess.DEVNULL)
        with h5py.File(os.path.join(out, 'ny.h5')) as a, h5py.File(os.path.join(out, 'seed.h5')) as b:
            for name in ['driftbidrag', 'costs', 'result', 'equity']:
                x, y = a['deterministic/' + name][:], b['deterministic/' + name][:]
                if not np.array_equal(x, y):
                    fail(f'{name}: the pasted förbund gives {x.tolist()}, the seed scenario {y.tolist()}')
                print(f'ok: {name} per year {x.tolist()} equals the seed scenario\'s to the krona')

        # Saving again asks before replacing the file; "no" keeps it, "yes" replaces it.
        driver.find_element(By.ID, 'tab-nytt').click()
        wait.until(lambda d: d.find_element(By.ID, 'view-nytt').is_displayed())
        before = os.stat(path).st_mtime_ns
        driver.find_element(By.ID, 'nytt-save').click()
        wait.until(expected_conditions.alert_is_present())
        driver.switch_to.alert.dismiss()
        wait.until(lambda d: 'sparades inte' in d.find_element(By.ID, 'nytt-saved').text)
        if os.stat(path).st_mtime_ns != before:
            fail('the file changed although the question was answered no')
        driver.find_element(By.ID, 'nytt-save').click()
        wait.until(expected_conditions.alert_is_present())
        driver.switch_to.alert.accept()
        wait.until(lambda d: d.find_element(By.ID, 'view-forbund').is_displayed())
        print('ok: an existing file is replaced only after the question')

        read_console()
        expected = [e for e in console if e['level'] == 'SEVERE' and '409' in e['message'] and '/api/new' in e['message']]
        severe = [e for e in console if e['level'] == 'SEVERE' and e not in expected]
        if severe:
            fail(f'{len(severe)} errors in the browser console: {[e["message"] for e in severe]}')
        print('ok: no errors in the browser console')
    finally:
        if browser:
            browser.quit()
        stop_server(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
