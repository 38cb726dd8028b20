"""Starting and stopping `finsim serve` for the tests that talk to it: check_serve_api.py and the
browser tests (tests/browser/). One place, so that both read the address the same way and
neither can let the server block on a full pipe.
"""
import queue
import signal
import subprocess
import threading
import time


def start_server(finsim, folder, *extra):
    """Starts `finsim serve FOLDER --port 0 EXTRA…` and returns (process, address, lines seen).

    Standard output and standard error are read to the end by two threads, so the server never
    blocks on a pipe however much it prints after the address. Fails (AssertionError) when no
    "Öppna http://…" line comes within 30 s or the server stops first."""
    process = subprocess.Popen([finsim, "serve", folder, "--port", "0", *extra], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=lambda s=stream: [lines.put(line) for line in s], daemon=True).start()
    seen = []
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if line.startswith("Öppna http://"):
            return process, line.split()[1], seen
    process.kill()
    process.wait()
    raise AssertionError("finsim serve printed no address within 30 s (exit %r): %r" % (process.poll(), seen))


def stop_server(process, timeout=30):
    """SIGTERM, as a user's Ctrl-C or a service manager would; returns the exit status. Fails
    (AssertionError) when the server has not stopped within `timeout` seconds (it is then killed).
    `None` (no server was started) is left alone."""
    if process is None:
        return None
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise AssertionError("the server did not stop within %d s of SIGTERM" % timeout)
    return process.returncode
