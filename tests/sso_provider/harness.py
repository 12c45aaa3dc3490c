"""A real OpenID provider in a child process, and signing in through it.

    with IdentityProvider(directory) as provider:
        client_id, secret = provider.register_client([callback], [])
        provider.add_person("alex", "pw", "alex@example.gov.uk", "Alex", "Author")

The provider is the separate Django project beside this module, served by
gunicorn on a loopback port; clients and people are set up through its
token-protected /harness/ endpoint, one request each.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

BASE_DIR = Path(__file__).resolve().parents[2]
PORTAL_HOST = "testserver"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class IdentityProvider:
    def __init__(self, directory: Path):
        self.directory = directory
        self.log_path = directory / "provider.log"
        self.process: subprocess.Popen | None = None
        self.url = ""
        # Known only to this process and the provider's: see provider's views.harness.
        self._token = secrets.token_urlsafe(32)
        self._control = requests.Session()
        self._control.headers["Authorization"] = f"Bearer {self._token}"

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    def start(self, timeout: float = 30.0) -> "IdentityProvider":
        # The listening socket is made here and handed to gunicorn, so the port
        # is known before it starts and no other process can take it meanwhile.
        with socket.create_server(("127.0.0.1", 0)) as listener:
            self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
            env = dict(
                os.environ,
                SSO_PROVIDER_DIR=str(self.directory),
                SSO_PROVIDER_URL=self.url,
                SSO_PROVIDER_TOKEN=self._token,
                DJANGO_SETTINGS_MODULE="tests.sso_provider.settings",
                PYTHONUNBUFFERED="1",
            )
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        f"--bind=fd://{listener.fileno()}",
                        "--workers=1",
                        "--threads=4",
                        "--access-logfile=-",
                        # Else it would claim ~/.gunicorn/gunicorn.ctl, shared by
                        # every gunicorn of the user's.
                        "--no-control-socket",
                        "tests.sso_provider.wsgi",
                    ],
                    cwd=BASE_DIR,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    pass_fds=[listener.fileno()],
                    # Its own process group, so that stop() ends gunicorn's worker too.
                    start_new_session=True,
                )
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"exited with {self.process.returncode}")
            try:
                # The socket listens from the start: a request waits for the
                # worker rather than being refused.
                if discovery(self, timeout=deadline - time.monotonic()):
                    return
            except requests.RequestException:
                time.sleep(0.05)
        self._fail(f"did not answer within {timeout}s")

    def _fail(self, why: str):
        tail = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-40:])
        raise RuntimeError(f"The identity provider {why}; its log is {self.log_path}:\n{tail}")

    def stop(self) -> None:
        self._control.close()
        if self.process is None or self.process.poll() is not None:
            return
        # SIGQUIT, gunicorn's quick shutdown: SIGTERM's graceful one waits on
        # idle keep-alive connections.
        os.killpg(self.process.pid, signal.SIGQUIT)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> "IdentityProvider":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _call(self, action: str, **fields) -> dict:
        response = self._control.post(f"{self.url}/harness/{action}/", json=fields, timeout=10)
        if not response.ok:
            raise RuntimeError(f"{action} failed ({response.status_code}); see {self.log_path}")
        return response.json()

    def register_client(
        self, redirect_uris: list[str], post_logout_redirect_uris: list[str]
    ) -> tuple[str, str]:
        """A confidential client for the code flow, never asking for consent."""
        made = self._call(
            "register_client",
            client_id=secrets.token_hex(8),
            client_secret=secrets.token_urlsafe(32),
            redirect_uris=redirect_uris,
            post_logout_redirect_uris=post_logout_redirect_uris,
        )
        return made["client_id"], made["client_secret"]

    def add_person(
        self,
        username: str,
        password: str,
        email: str,
        given_name: str = "",
        family_name: str = "",
        email_verified: bool | None = True,
    ) -> str:
        """Returns their subject. email_verified None leaves the claim out."""
        return self._call(
            "add_person",
            username=username,
            password=password,
            email=email,
            given_name=given_name,
            family_name=family_name,
            email_verified=email_verified,
        )["sub"]

    def change_email(self, username: str, email: str) -> None:
        self._call("change_email", username=username, email=email)

    def change_name(self, username: str, given_name: str, family_name: str) -> None:
        self._call("change_name", username=username, given_name=given_name, family_name=family_name)

    def remove_person(self, username: str) -> None:
        self._call("remove_person", username=username)


def discovery(provider: IdentityProvider, timeout: float = 10) -> dict:
    """The provider's OpenID configuration document."""
    response = requests.get(
        f"{provider.issuer}/.well-known/openid-configuration", timeout=max(timeout, 0.1)
    )
    response.raise_for_status()
    return response.json()


class StayedAtProvider(AssertionError):
    """The provider did not send the person back to the portal: `response` is
    its last page, the login page again after a wrong password."""

    def __init__(self, response: requests.Response):
        super().__init__(f"stayed at {response.url} ({response.status_code})")
        self.response = response


def sign_in_through(
    provider_session: requests.Session,
    client,
    provider: IdentityProvider,
    username: str,
    password: str,
    start_url: str = "/accounts/sso/start/",
):
    """Signs in at the provider as a browser would, with `client` (Django's
    test client) as the portal and `provider_session` as the browser's visits
    to the provider. Returns the portal's response to the callback, not
    followed; raises StayedAtProvider when no code came back."""
    start = client.get(start_url)
    assert start.status_code == 302, f"{start_url} answered {start.status_code}"
    assert start["Location"].startswith(provider.url), start["Location"]

    page = provider_session.get(start["Location"], allow_redirects=False, timeout=10)
    page = _follow_at_provider(provider_session, provider, page)
    if page.status_code == 200 and (token := CSRF_TOKEN.search(page.text)):
        # The login page: the provider's session had no one signed in.
        form = {"csrfmiddlewaretoken": token[1], "username": username, "password": password}
        page = provider_session.post(page.url, data=form, allow_redirects=False, timeout=10)
        page = _follow_at_provider(provider_session, provider, page)

    back = urlsplit(page.headers.get("Location", "")) if page.is_redirect else None
    if back is None or back.netloc != PORTAL_HOST:
        raise StayedAtProvider(page)
    return client.get(f"{back.path}?{back.query}")


def _follow_at_provider(
    session: requests.Session, provider: IdentityProvider, response: requests.Response
) -> requests.Response:
    """Follows redirects only while they stay at the provider: requests cannot
    reach the portal, which lives in the test process."""
    while response.is_redirect:
        url = urljoin(response.url, response.headers["Location"])
        if not url.startswith(provider.url + "/"):
            break
        response = session.get(url, allow_redirects=False, timeout=10)
    return response
