#!/usr/bin/env python
"""Public pages under load (not a test; method and results in bench/README.md).

    .venv/bin/python bench/pages.py [--seconds 5] [--connections 16]
        [--burst-seconds 60] [--burst-connections 32]

Builds the demo in a fresh database (SQLite in a temporary folder, or DATABASE_URL), serves
it with gunicorn (2 sync workers, production settings) and loads one page of every public
page type with wrk (Debian package `wrk`): once cached (the page cache warm) and once
uncached (an unknown query parameter makes the page cache step aside). For each it reports
requests per second and the server CPU per request (the workers' user+system time from
/proc, divided by the requests served), and both as ratios to a trivial view through the
same middleware (the floor) measured in the same run; WhiteNoise's static file is the
ceiling. Last, the home page's latency while 8 clients ask for distinct filtered catalogue
PDFs (KPSS_PDF_RENDER_SLOTS keeps the workers free for pages).
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGES = [
    ("home", "/"),
    ("content page", "/o-projektu/"),
    ("section page", "/jak-planovani-probiha/"),
    ("news index", "/aktuality/"),
    ("article", "/aktuality/zahajujeme-komunitni-planovani/"),
    ("newsletter issue", "/aktuality/zpravodaj-1-2024/"),
    ("plan index", "/komunitni-plan/"),
    ("plan", "/komunitni-plan/2025-2028/"),
    ("plan chapter", "/komunitni-plan/2025-2028/uvod/"),
    ("measures", "/komunitni-plan/2025-2028/opatreni/"),
    ("survey", "/komunitni-plan/anketa-2027/"),
    ("working groups", "/pracovni-skupiny/"),
    ("working group", "/pracovni-skupiny/seniori/"),
    ("harmonogram", "/harmonogram/"),
    ("catalogue", "/katalog-sluzeb/"),
    ("search", "/hledat/?q=senio"),
    ("RSS feed", "/aktuality/rss/"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir, port):
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    env.update(
        DJANGO_SETTINGS_MODULE="kpss_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        BASE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        BENCH_FLOOR_VIEW="true",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True)


def worker_cpu_seconds(master_pid):
    """User+system CPU of the master's worker processes, in seconds."""
    total = 0
    for child in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    return total / os.sysconf("SC_CLK_TCK")


def wrk(url, seconds, connections, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return (
        requests,
        (int(errors.group(1)) if errors else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
        float(p99.group(1)) * scale[p99.group(2)],
    )


def sustained_burst(base, master, workdir, seconds, connections):
    """``connections`` clients for ``seconds`` over every cached page in turn (a newsletter
    just went out): requests, errors (non-2xx and socket errors), p99."""
    script = workdir / "rotate.lua"
    paths = ", ".join(f'"{path}"' for _name, path in PAGES)
    script.write_text(
        f"paths = {{{paths}}}\n"
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        '  return wrk.format("GET", paths[(counter % #paths) + 1])\n'
        "end\n"
    )
    before = worker_cpu_seconds(master)
    started = time.monotonic()
    requests, errors, p99 = wrk(base + "/", seconds, connections, script)
    elapsed = time.monotonic() - started
    cpu_ms = (worker_cpu_seconds(master) - before) * 1000 / max(requests, 1)
    return {"rps": requests / elapsed, "cpu_ms": cpu_ms, "errors": errors, "p99": p99}


def measure(base, master, path, seconds, connections):
    before = worker_cpu_seconds(master)
    started = time.monotonic()
    requests, errors, p99 = wrk(base + path, seconds, connections)
    elapsed = time.monotonic() - started
    cpu_ms = (worker_cpu_seconds(master) - before) * 1000 / max(requests, 1)
    return {"rps": requests / elapsed, "cpu_ms": cpu_ms, "errors": errors, "p99": p99}


def uncached(path):
    return path + ("&" if "?" in path else "?") + "bench=uncached"


def fetch(url, timeout=60):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.monotonic() - started) * 1000


def burst(base, seconds=20, clients=8):
    """Home page latency alone, then while ``clients`` ask for distinct filtered PDFs."""
    alone = [fetch(base + "/")[1] for _ in range(20)]
    stop, statuses = threading.Event(), []

    words = ["sluzba", "domov", "senio", "pomoc", "porad", "rodin", "centrum", "pece"]
    towns = ["ostrov-nad-vlcinou", "lipnik-u-vlciny", "dubova-lhota", "kamenna-ves", ""]
    selections = [(w, t) for w in words for t in towns]

    def pdf_client(number):
        n = number
        while not stop.is_set():
            word, town = selections[n % len(selections)]
            n += clients
            query = f"q={word}" + (f"&obec={town}" if town else "")
            statuses.append(fetch(f"{base}/katalog-sluzeb/pdf/?{query}")[0])

    threads = [threading.Thread(target=pdf_client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    during, until = [], time.monotonic() + seconds
    while time.monotonic() < until:
        during.append(fetch(base + "/")[1])
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    return alone, during, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--burst-seconds", type=int, default=60)
    parser.add_argument("--burst-connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="kpss-bench-"))
    port = free_port()
    env = environment(workdir, port)
    print("Preparing the demo (collectstatic, migrate, load_demo, update_index)…", flush=True)
    # collectstatic first: the demo renders PDFs, which read the hashed stylesheets
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_demo", "--force-demo", "--verbosity", "0")
    manage(env, "update_index", "--verbosity", "0")
    manage(env, "sync_site_address")
    static = next((workdir / "static" / "css").glob("kpss.*.css")).name
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "kpss_site.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/_bench/floor/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        rows = []
        for name, path in [
            ("floor: trivial view", "/_bench/floor/"),
            ("ceiling: static file", f"/static/css/{static}"),
        ]:
            rows.append(
                (name, measure(base, server.pid, path, args.seconds, args.connections), None)
            )
        for name, path in PAGES:
            fetch(base + path)  # fill the page cache
            cached = measure(base, server.pid, path, args.seconds, args.connections)
            cold = measure(base, server.pid, uncached(path), args.seconds, args.connections)
            rows.append((name, cached, cold))
        floor = rows[0][1]
        print(
            f"\nwrk -c{args.connections} -d{args.seconds}s, gunicorn 2 sync workers, "
            f"{env['DATABASE_URL'].split(':')[0]}; CPU per request in ms, × = ratio to the floor"
        )
        print(
            "| page | cached req/s | cached CPU | × | p99 ms "
            "| uncached req/s | uncached CPU | × | errors |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for name, cached, cold in rows:
            ratio = cached["cpu_ms"] / floor["cpu_ms"]
            line = (
                f"| {name} | {cached['rps']:.0f} | {cached['cpu_ms']:.2f} | {ratio:.1f} | "
                f"{cached['p99']:.0f} |"
            )
            if cold:
                line += (
                    f" {cold['rps']:.0f} | {cold['cpu_ms']:.2f} | "
                    f"{cold['cpu_ms'] / floor['cpu_ms']:.1f} | "
                    f"{cached['errors'] + cold['errors']} |"
                )
            else:
                line += f" | | | {cached['errors']} |"
            print(line)
        for _name, path in PAGES:
            fetch(base + path)  # the burst meets a warm page cache
        sustained = sustained_burst(
            base, server.pid, workdir, args.burst_seconds, args.burst_connections
        )
        print(
            f"\nBurst: wrk -c{args.burst_connections} -d{args.burst_seconds}s over all "
            f"{len(PAGES)} cached pages in turn: {sustained['rps']:.0f} req/s, "
            f"CPU {sustained['cpu_ms']:.2f} ms per request "
            f"({sustained['cpu_ms'] / floor['cpu_ms']:.1f} ×), p99 {sustained['p99']:.0f} ms, "
            f"{sustained['errors']} errors"
        )
        alone, during, statuses = burst(base)
        print("\nHome page during a burst of 8 clients asking for distinct filtered PDFs:")
        print(f"- alone: median {statistics.median(alone):.0f} ms, max {max(alone):.0f} ms")
        print(
            f"- during the burst: median {statistics.median(during):.0f} ms, "
            f"max {max(during):.0f} ms"
        )
        ok, busy = statuses.count(200), statuses.count(503)
        print(
            f"- PDF answers: {ok} × 200, {busy} × 503 (busy, Retry-After), "
            f"{len(statuses) - ok - busy} other"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
