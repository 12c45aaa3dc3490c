// The warning before a signed-in session ends, for WCAG 2.2.1 (Timing Adjustable):
// templates/portal/includes/session_timeout.html. The page counts down from the
// seconds the server said were left, by elapsed time alone: the browser's clock
// may be set wrong, but it runs at the right speed.

// Pages open in other tabs share the session, so each tells the others what
// the server last said; a tab left open is not signed out while another is in use.
const CHANNEL = "portal-session-timeout";

export function initSessionTimeout() {
  const dialog = document.getElementById("session-timeout");
  // Without the dialog (signed out) there is nothing to warn of; Safari before
  // 15.4 has no showModal, and its users get the sign-in page's explanation.
  if (dialog?.showModal) {
    new SessionTimeout(dialog).start();
  }
}

class SessionTimeout {
  constructor(dialog) {
    const data = dialog.dataset;
    this.dialog = dialog;
    this.warning = Number(data.warningSeconds) * 1000;
    this.idleTimeout = Number(data.idleTimeout) * 1000;
    this.staySignedInUrl = data.staySignedInUrl;
    this.signInUrl = data.signInUrl;
    this.csrfToken = document.querySelector("#sign-out [name=csrfmiddlewaretoken]").value;
    this.countdowns = dialog.querySelectorAll("[data-session-timeout-countdown]");
    this.announcement = dialog.querySelector("[data-session-timeout-announcement]");
    this.error = dialog.querySelector("[data-session-timeout-error]");
    this.channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
    this.adopt(Number(data.idleSecondsLeft) * 1000, Number(data.absoluteSecondsLeft) * 1000);
  }

  start() {
    const action = (name) => this.dialog.querySelector(`[data-session-timeout-action=${name}]`);
    action("stay").addEventListener("click", () => this.staySignedIn());
    action("continue").addEventListener("click", () => this.dialog.close());
    this.dialog.addEventListener("cancel", (event) => {
      if (this.reason === "idle") {
        event.preventDefault();
        this.staySignedIn();
      }
    });
    this.dialog.addEventListener("close", () => {
      this.seenAbsoluteWarning ||= this.reason === "absolute";
    });
    this.channel?.addEventListener("message", ({ data }) => {
      this.adopt(data.idleLeft, data.absoluteLeft);
      this.tick();
    });
    // Browsers slow the timers of hidden tabs to once a minute.
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) this.tick();
    });
    this.timer = setInterval(() => this.tick(), 1000);
    this.share();
  }

  adopt(idleLeft, absoluteLeft) {
    const now = Date.now();
    this.idleEndsAt = now + idleLeft;
    this.absoluteEndsAt = now + absoluteLeft;
  }

  share() {
    const now = Date.now();
    this.channel?.postMessage({
      idleLeft: this.idleEndsAt - now,
      absoluteLeft: this.absoluteEndsAt - now,
    });
  }

  tick() {
    const reason = this.absoluteEndsAt <= this.idleEndsAt ? "absolute" : "idle";
    const left = Math.min(this.idleEndsAt, this.absoluteEndsAt) - Date.now();
    if (left <= 0) {
      // The server has ended the session.
      this.signIn();
    } else if (left > this.warning) {
      // Another tab kept the session going.
      if (this.dialog.open) this.dialog.close();
    } else if (this.dialog.open) {
      this.count(left);
    } else if (!this.pending && !(reason === "absolute" && this.seenAbsoluteWarning)) {
      this.open(reason, left);
    }
  }

  open(reason, left) {
    this.reason = reason;
    for (const element of this.dialog.querySelectorAll("[data-session-timeout-reason]")) {
      element.hidden = element.dataset.sessionTimeoutReason !== reason;
    }
    this.error.hidden = true;
    this.announcement.textContent = "";
    this.milestone = null;
    this.count(left);
    // Focus goes to the first button, and back where it was on closing.
    this.dialog.showModal();
  }

  count(left) {
    const seconds = Math.ceil(left / 1000);
    for (const countdown of this.countdowns) countdown.textContent = inWords(seconds);
    // Screen readers hear the time left each minute, then every 20 seconds in
    // the last: often enough to keep track, not so often as to talk over all else.
    // The first is in the dialog's description, read as it opens.
    const milestone = seconds > 60 ? Math.ceil(seconds / 60) * 60 : Math.ceil(seconds / 20) * 20;
    if (this.milestone !== null && milestone !== this.milestone) {
      this.announcement.textContent = `We will sign you out in ${inWords(milestone)}.`;
    }
    this.milestone = milestone;
  }

  async staySignedIn() {
    if (this.pending) return;
    this.pending = true;
    const status = await fetch(this.staySignedInUrl, {
      method: "POST",
      headers: { "X-CSRFToken": this.csrfToken },
    }).then(
      (response) => response.status,
      () => null,
    );
    this.pending = false;
    if (status === 204) {
      this.idleEndsAt = Date.now() + this.idleTimeout;
      this.share();
      this.dialog.close();
    } else if (status === 403) {
      // Signed out already.
      this.signIn();
    } else {
      // Offline, or the service is having a moment. Going to the sign-in page
      // would lose what was typed, and the session may well still be alive.
      this.error.hidden = false;
      if (!this.dialog.open) this.dialog.showModal();
    }
  }

  signIn() {
    // The sign-in page says why, and comes back here afterwards.
    clearInterval(this.timer);
    window.location.assign(this.signInUrl);
  }
}

function inWords(seconds) {
  const amounts = [
    [Math.floor(seconds / 60), "minute"],
    [seconds % 60, "second"],
  ];
  return amounts
    .filter(([amount]) => amount)
    .map(([amount, unit]) => `${amount} ${unit}${amount === 1 ? "" : "s"}`)
    .join(" ");
}
