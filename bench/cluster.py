"""`make bench`, last part (or `make bench-cluster` alone): the deployment the
README describes, on loopback, and what holds when a web process and a Celery
worker die under load.

nginx on BENCH_PORT balances two gunicorn masters (BENCH_PORT + 1 and + 2,
two workers each). Two Celery workers and one beat run beside them. All of
them use the production settings bench/server.py gives, on the database
bench/run.py prepares and on BENCH_REDIS. The mixed load of bench/run.py
goes through nginx for BENCH_SECONDS to one web process, then to two, then to
two again. That last run starts once a reminder sweep over a department made
for it has committed its first batch. The Celery worker running the sweep is
killed with SIGKILL as the next batch commits, and KILL_AFTER seconds in, one
gunicorn master and its workers are.

Then it waits for the work to settle and checks:
- nginx took the dead process out, and no GET failed;
- every post whose form was answered with its redirect is in the database
  once, and no other post was saved. A form that nginx could not deliver
  gets a page that says so, and nothing is saved from it;
- every reminder that was due before that run has been sent exactly once,
  and every e-mail queued since the cluster started has gone out, at least
  once, into the folder the workers' mail goes to (Django's file backend, in
  place of the console).

Redis hands a task that a dead worker held back only after its visibility
timeout (an hour), so the bench queues the next sweep itself, as beat does
on the hour.

nginx comes from Debian (`make bench` installs it). Its configuration and
logs are written to a temporary folder and it listens on 127.0.0.1 only.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run, server, sweep, wrk

WEB_PORTS = (server.PORT + 1, server.PORT + 2)
KILL_AFTER = 2.0
# nginx leaves a process out for fail_timeout (10 s) after a failure: it may
# send the dead one only what it had chosen it for as it died.
TAKEN_OUT_WITHIN = 1.0
# No post is proposed in a run's last second, so that wrk reads the answer to
# every form it sent and the posts can be counted against the database.
POST_SECONDS = max(run.DURATION - 1, 1)
# The reminder work queued before the kill: a department of its own each run,
# whose 1,000 digests take a sweep five batches of 200 people.
APPROVERS, POSTS = 1_000, 2_000
# Each web process keeps pages and plans of its own once it has served them.
WARM_UP = 2
SETTLE_SECONDS = 300
MIXED_USERS = ("reader", "author", "scale-0-1")

NGINX_CONF = """\
worker_processes 1;
events {{ worker_connections 512; }}
http {{
    default_type text/html;
    log_format cluster '$msec $request_time $status "$upstream_addr" "$request"';
    access_log {prefix}/access.log cluster;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;

    # Passive health checks: a process that refuses or cuts a connection, or
    # does not answer in time, is left out for fail_timeout, then tried again.
    upstream portal {{
{servers}
    }}

    # nginx cannot know whether a form it failed to deliver was saved, so its
    # page says where to look rather than inviting a second copy.
    map $request_method $unavailable {{
        POST /form-not-sent.html;
        default /unavailable.html;
    }}

    server {{
        listen {address};
        location / {{
            proxy_pass http://portal;
            proxy_set_header Host $http_host;
            # TLS ends at the balancer in production; the portal trusts this header.
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
            # Failed on one process, try the other. nginx does so for a POST only
            # when none of it reached the first, so no form is sent twice.
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 10s;
        }}
        error_page 502 504 $unavailable;
        location ~ ^/(unavailable|form-not-sent)\\.html$ {{
            internal;
            root {prefix}/html;
        }}
    }}
}}
"""

ERROR_PAGES = {
    "unavailable": (
        "Sorry, the portal is not answering",
        "<p>Try again in a few minutes.</p>",
    ),
    "form-not-sent": (
        "Your form may not have been saved",
        "<p>The portal stopped answering while your form was on its way, so it may or "
        "may not have been saved. Reload the page you came from, or look at "
        '<a href="/posts/">your posts</a>, before you send it again.</p>',
    ),
}


def wait_until(condition, seconds: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True


class Nginx:
    """nginx balancing over the web processes on ``ports``, run from ``prefix``."""

    def __init__(self, prefix: Path, ports):
        self.prefix = prefix
        self.ports = ports
        self.process = None

    def __enter__(self):
        conf = self.prefix / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                prefix=self.prefix,
                address=server.HOST,
                servers="\n".join(
                    f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
                    for port in self.ports
                ),
            )
        )
        error_log = self.prefix / "error.log"
        self.process = subprocess.Popen(
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-e",
                str(error_log),
                "-c",
                str(conf),
                "-p",
                str(self.prefix),
                "-g",
                f"daemon off; pid {self.prefix}/nginx.pid; error_log {error_log} warn;",
            ]
        )

        def answers():
            try:
                with urllib.request.urlopen(f"http://{server.HOST}/healthz/", timeout=1):
                    return True
            except OSError:
                return self.process.poll() is not None

        if not wait_until(answers, 10) or self.process.poll() is not None:
            self.__exit__()
            raise RuntimeError(f"nginx did not start:\n{error_log.read_text()[-2000:]}")
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Celery:
    """One `celery -A portal worker` or `beat`, in a process group of its own
    so that ``kill`` takes a worker's pool with it. Ready once it answers a ping."""

    def __init__(self, *args: str, name: str, env: dict, log: Path):
        self.args = args
        self.name = name
        self.node = f"{name}@{socket.gethostname()}"
        self.env = env
        self.log = log
        self.process = None

    def __enter__(self):
        from portal.celery import app

        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "portal", *self.args, "-n", self.node],
                cwd=server.BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def ready():
            return (
                self.process.poll() is not None
                or app.control.ping(destination=[self.node], timeout=0.5) != []
            )

        if not wait_until(ready, 60, interval=0) or self.process.poll() is not None:
            self.__exit__()
            raise RuntimeError(f"{self.node} did not start:\n{self.log.read_text()[-2000:]}")
        return self

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def sweepers() -> list[str]:
    """The workers in the middle of a reminder sweep, by the name each gives
    its database sessions: a sweep holds a session advisory lock."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()"
        )
        return [name for (name,) in cursor.fetchall()]


def high_water() -> dict:
    """The last row of each table the checks read, before the run."""
    from django.db.models import Max

    from approvals.models import OutboxMessage, Post, Reminder

    return {
        name: model.objects.aggregate(last=Max("pk"))["last"] or 0
        for name, model in (("posts", Post), ("reminders", Reminder), ("outbox", OutboxMessage))
    }


def due_reminders() -> set[tuple]:
    """Every reminder slot a sweep would send now."""
    from django.utils import timezone

    from approvals.reminders import planning

    plan = planning.plan(now=timezone.now())
    return {slot for slots in plan.due.values() for slot in slots}


def posts_check(result: wrk.Result, before: int) -> dict:
    """The posts the load proposed, by what wrk was told and what the database holds."""
    from approvals.models import Post

    saved = [int(pk) for pk in re.search(r"^posts saved: (.*)$", result.output, re.M)[1].split()]
    stored = set(
        Post.objects.filter(pk__gt=before, author__username="author").values_list("pk", flat=True)
    )
    return {
        "sent": int(re.search(r"^posts sent: (\d+)$", result.output, re.M)[1]),
        "saved": len(saved),
        "refused": int(
            re.search(r"^posts refused by the balancer: (\d+)$", result.output, re.M)[1]
        ),
        "stored": len(stored),
        # Told saved but not there, or there twice under one redirect: never expected.
        "lost": len(set(saved) - stored) + len(saved) - len(set(saved)),
        # Saved, but the person was told otherwise or told nothing.
        "unannounced": len(stored - set(saved)),
    }


def load(name: str, sessions: dict, before: int) -> tuple[wrk.Result, dict]:
    result = run.mixed(name, sessions, BENCH_POST_SECONDS=str(POST_SECONDS))
    return result, posts_check(result, before)


def fault_run(sessions: dict, webs, workers) -> tuple:
    """The mixed load through nginx to both web processes, started once a
    sweep has committed its first batch of reminders. The worker running the
    sweep dies as the next batch commits (or KILL_AFTER seconds in, if that is
    sooner), and the second web process KILL_AFTER seconds in."""
    from approvals.models import Reminder
    from approvals.tasks import send_reminders

    before = high_water()
    sent = Reminder.objects.filter(pk__gt=before["reminders"])
    send_reminders.apply_async()
    if not wait_until(sent.exists, 120):
        raise SystemExit("No worker started sending reminders.")
    first_batch = sent.count()
    ran_it = sweepers()
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(
            load, f"two, one killed at {KILL_AFTER:g} s", sessions, before["posts"]
        )
        started = time.monotonic()
        wait_until(lambda: sent.count() > first_batch, KILL_AFTER, interval=0.02)
        sweeping = sweepers()
        victim = next((w for w in workers if w.name in (sweeping or ran_it)), workers[0])
        victim.kill()
        worker = {
            "name": victim.name,
            "after": time.monotonic() - started,
            "sweeping": bool(sweeping),
            "committed": sent.count(),
        }
        time.sleep(max(KILL_AFTER - (time.monotonic() - started), 0))
        killed_at = time.time()
        webs[1].kill()
        result, posts = loading.result()
    worker["survivor"] = next(w.name for w in workers if w is not victim)
    return result, posts, killed_at, worker


def balancer_report(prefix: Path, killed_at: float) -> dict:
    """What nginx did with requests to the dead process, from its logs: those
    it had sent before the kill and those it sent after."""
    dead, live = (f"127.0.0.1:{port}" for port in reversed(WEB_PORTS))
    in_flight, sent_after = [], []
    for line in (prefix / "access.log").read_text().splitlines():
        fields = re.match(r'^(\S+) (\S+) (\d+) "([^"]*)" "(\S+)', line).groups()
        ended, took, status, upstreams, method = fields
        if float(ended) < killed_at or dead not in upstreams:
            continue
        started = float(ended) - float(took) - killed_at
        answered = int(status) < 500 and upstreams.endswith(live)
        (in_flight if started < 0 else sent_after).append((started, answered, method))
    return {
        "in_flight": len(in_flight),
        "in_flight_posts": sum(method == "POST" for *_, method in in_flight),
        "in_flight_answered": sum(answered for _, answered, _ in in_flight),
        "sent_after": sorted(started for started, _, _ in sent_after),
        "sent_after_posts": sum(method == "POST" for *_, method in sent_after),
        "sent_after_answered": sum(answered for _, answered, _ in sent_after),
        "disabled": (prefix / "error.log")
        .read_text()
        .count("upstream server temporarily disabled"),
    }


def quiet(before: dict) -> bool:
    """Wait for every sweep to finish and every e-mail queued since ``before``
    to be sent."""
    from approvals.models import OutboxMessage

    unsent = OutboxMessage.objects.filter(pk__gt=before["outbox"], sent_at__isnull=True)
    return wait_until(lambda: not sweepers() and not unsent.exists(), SETTLE_SECONDS, interval=1)


def mail_sent(folder: Path) -> Counter:
    """The outbox key of each message the workers handed to the mail backend."""
    keys = Counter()
    for path in folder.glob("*"):
        keys.update(re.findall(r"^X-Portal-Message: (\S+)$", path.read_text(), re.M))
    return keys


def reminders_report(before: dict, expected: set[tuple], since: dict, mail: Counter) -> dict:
    """Reminders sent since ``before`` against those ``expected``; e-mail since ``since``."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Min

    from approvals.models import OutboxMessage, Reminder

    slot = ("version_id", "stage", "recipient_id", "kind", "number")
    new = Reminder.objects.filter(pk__gt=before["reminders"])
    # A wait that reached its next reminder between the plan and the sweep is
    # sent that one, which stands for the one expected.
    sent = defaultdict(list)
    for *wait, number in new.values_list(*slot):
        sent[tuple(wait)].append(number)
    missing = sum(1 for *wait, number in expected if max(sent.get(tuple(wait), [0])) < number)
    twice = Reminder.objects.values(*slot).annotate(n=Count("pk")).filter(n__gt=1).count()
    # A digest carries one person's reminders from one sweep, keyed by the first.
    firsts = new.values("run", "recipient_id").annotate(first=Min("pk"))
    with_address = set(
        get_user_model()
        .objects.filter(pk__in={row["recipient_id"] for row in firsts})
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    digests = {
        f"reminders:{row['recipient_id']}:{row['first']}"
        for row in firsts
        if row["recipient_id"] in with_address
    }
    queued = OutboxMessage.objects.filter(pk__gt=since["outbox"])
    keys = set(queued.values_list("key", flat=True))
    delivered = set(queued.filter(sent_at__isnull=False).values_list("key", flat=True))
    return {
        "due": len(expected),
        "missing": missing,
        "sent": sum(len(numbers) for numbers in sent.values()),
        # Two reminders of one wait within the run: the killed sweep's, and the
        # next one's had the wait reached its next reminder in between.
        "again": sum(len(numbers) - 1 for numbers in sent.values()),
        "twice": twice,
        "digests": len(digests),
        "digests_missing": len(digests - keys),
        "queued": len(keys),
        "unsent": len(keys - delivered),
        "not_in_mail": len(delivered - mail.keys()),
        "mailed_twice": sum(n - 1 for key, n in mail.items() if key in keys),
    }


def write_error_pages(prefix: Path) -> None:
    for name, (title, body) in ERROR_PAGES.items():
        page = prefix / "html" / f"{name}.html"
        page.parent.mkdir(exist_ok=True)
        page.write_text(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{title} - Participating online</title></head>"
            f'<body><main id="{name}"><h1>{title}</h1>{body}</main></body></html>\n'
        )


def start_cluster(stack: ExitStack, prefix: Path) -> tuple[list, list]:
    """Two web processes, two workers and beat; the mail goes to files in ``prefix``."""
    webs = [stack.enter_context(server.Gunicorn(port=port)) for port in WEB_PORTS]
    env = server.production_env()
    env["EMAIL_URL"] = f"filemail:///{prefix / 'mail'}"

    def celery(*args, name):
        # Each names its database sessions, by which the bench sees who sweeps.
        named = {**env, "DATABASE_URL": f"{env['DATABASE_URL']}?application_name={name}"}
        return stack.enter_context(
            Celery(*args, "--loglevel=WARNING", name=name, env=named, log=prefix / f"{name}.log")
        )

    workers = [
        celery("worker", "--concurrency=1", name=name) for name in ("cluster-a", "cluster-b")
    ]
    celery("beat", "--enable-remote-control", name="cluster-beat")
    return webs, workers


def main():
    with tempfile.TemporaryDirectory(prefix="portal-cluster-") as folder:
        prefix = Path(folder)
        # nginx's workers run as nobody and read the error pages from here.
        prefix.chmod(0o755)
        write_error_pages(prefix)
        (prefix / "temp").mkdir()
        (prefix / "mail").mkdir()

        run.prepare(str(prefix / "decisions.txt"))
        os.environ.update(server.production_env())
        import django

        django.setup()
        from portal.celery import app

        before = high_water()
        with ExitStack() as stack:
            webs, workers = start_cluster(stack, prefix)
            # Beat sends at once what fell due while it was not running (the
            # hourly sweep among them): let that work finish before measuring.
            time.sleep(2)
            quiet(before)
            with Nginx(prefix, WEB_PORTS):
                sessions = {name: server.sign_in(name, run.PASSWORD) for name in MIXED_USERS}
                run.mixed("warm-up", sessions, duration=WARM_UP)
            load_average = os.getloadavg()[0]
            with Nginx(prefix, WEB_PORTS[:1]):
                one = load("one web process", sessions, high_water()["posts"])
            with Nginx(prefix, WEB_PORTS):
                two = load("two web processes", sessions, high_water()["posts"])
                sweep.build(
                    name=f"Cluster {datetime.now():%Y%m%d%H%M%S}", approvers=APPROVERS, posts=POSTS
                )
                before_fault = high_water()
                expected = due_reminders()
                fault, fault_posts, killed_at, worker = fault_run(sessions, webs, workers)
            # PostgreSQL ends the dead worker's session, and its lock, once it notices.
            wait_until(lambda: not sweepers(), 30)
            send_reminders_as_beat()
            settled = quiet(before)
        app.control.purge()
        # Redis would hand the dead worker's sweep back in an hour, to a worker
        # of some later run; the sweep after it has done its work.
        with app.connection_for_write() as connection:
            connection.default_channel.client.delete("unacked", "unacked_index")
        balancer = balancer_report(prefix, killed_at)
        reminders = reminders_report(before_fault, expected, before, mail_sent(prefix / "mail"))

    print(
        f"\nnginx on {server.HOST} to gunicorn on {' and '.join(f':{p}' for p in WEB_PORTS)}"
        f" (2 workers each); 2 Celery workers and 1 beat. Mixed load, {run.DURATION} s a run;"
        f" load average {load_average:.1f} before the runs."
    )
    runs = [one, two, (fault, fault_posts)]
    print_runs(runs)
    print_faults(balancer, worker, reminders)
    failures = failed(runs, balancer, reminders, settled=settled)
    if failures:
        sys.exit("Failed: " + "; ".join(failures) + ".")
    print("Everything held.")


def send_reminders_as_beat():
    """Redis hands back a dead worker's task only after its visibility timeout
    (an hour); the next hourly sweep usually comes first. Queue it now."""
    from approvals.tasks import send_reminders

    send_reminders.apply_async()
    time.sleep(1)


def print_runs(runs):
    print(
        f"{'through nginx':<28}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'posts sent':>12}{'saved':>7}{'refused':>9}{'in db':>7}"
    )
    for result, posts in runs:
        print(
            f"{result.name:<28}{result.requests_per_second:>8.1f}{result.p50_ms:>9.2f}"
            f"{result.p99_ms:>9.2f}{result.errors:>8}{posts['sent']:>12}{posts['saved']:>7}"
            f"{posts['refused']:>9}{posts['stored']:>7}"
        )


def print_faults(balancer, worker, reminders):
    after = ", ".join(f"+{started:.2f} s" for started in balancer["sent_after"]) or "none"
    print(
        f"\nWeb process :{WEB_PORTS[1]} killed {KILL_AFTER:g} s in (SIGKILL to its master and"
        f" workers). Requests it held: {balancer['in_flight']}"
        f" ({balancer['in_flight_posts']} form POSTs), of which"
        f" {balancer['in_flight_answered']} were answered by :{WEB_PORTS[0]}. Requests nginx"
        f" sent it after the kill, by when they began: {after}"
        f" ({balancer['sent_after_posts']} form POSTs), answered by :{WEB_PORTS[0]}:"
        f" {balancer['sent_after_answered']}. 'Temporarily disabled'"
        f" {balancer['disabled']} times in nginx's error log."
    )
    print(
        f"Celery worker {worker['name']} killed {worker['after']:.2f} s in, "
        + (
            "in the middle of a reminder sweep"
            if worker["sweeping"]
            else "after the reminder sweep it ran had finished"
        )
        + f" ({worker['committed']:,} reminders committed). The next sweep, queued as beat"
        f" does on the hour, ran on {worker['survivor']}."
    )
    print(
        f"Reminders due before the run: {reminders['due']:,}; not sent {reminders['missing']};"
        f" rows sent {reminders['sent']:,}; slots sent twice {reminders['twice']};"
        f" a wait reminded again within the run {reminders['again']}."
        f" Digests owed {reminders['digests']:,}, not queued {reminders['digests_missing']}."
    )
    print(
        f"E-mail queued since the cluster started: {reminders['queued']:,};"
        f" not sent {reminders['unsent']}; sent but not in the mail folder"
        f" {reminders['not_in_mail']}; in the mail folder twice"
        f" {reminders['mailed_twice']} (at least once, as the README says)."
    )


def failed(runs, balancer, reminders, *, settled) -> list[str]:
    failures = [
        f"{result.name}: {result.errors - posts['refused']} requests failed other than forms"
        for result, posts in runs
        if result.errors - posts["refused"]
    ]
    for result, posts in runs:
        if posts["lost"] or posts["unannounced"]:
            failures.append(f"{result.name}: the posts in the database are not those saved")
        if posts["sent"] != posts["saved"] + posts["refused"]:
            failures.append(f"{result.name}: some forms got neither a redirect nor nginx's page")
    if any(started > TAKEN_OUT_WITHIN for started in balancer["sent_after"]):
        failures.append(f"nginx still sent requests to the dead process {TAKEN_OUT_WITHIN} s on")
    if not settled:
        failures.append(f"the sweeps and the outbox had not settled after {SETTLE_SECONDS} s")
    if reminders["missing"] or reminders["twice"] or reminders["digests_missing"]:
        failures.append("reminders were not all sent exactly once")
    if reminders["unsent"] or reminders["not_in_mail"]:
        failures.append("some e-mail was not sent")
    return failures


if __name__ == "__main__":
    main()
