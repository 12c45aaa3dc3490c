"""Be a civil servant: disclose your position as a representative of your department or
agency."""

import re
from collections.abc import Sequence

from approvals.posts.checks.findings import Code, Finding, make_finding

_MENTION = re.compile(r"(?<![\w@#])[@#](\w++)")


def position_not_disclosed(
    text: str,
    department_names: Sequence[str],
    account: str,
    official_accounts: Sequence[str],
) -> list[Finding]:
    names = [name.strip() for name in department_names if _squash(name)]
    if not names:
        # Without the author's department there is nothing to check the text against.
        return []
    name_keys = {_squash(name) for name in names}
    if _account_variants(account) & (name_keys | {_squash(a) for a in official_accounts}):
        return []
    words = f" {_words(text)} "
    if any(f" {_words(name)} " in words for name in names):
        return []
    if any(_account_variants(mention) & name_keys for mention in _MENTION.findall(text)):
        return []
    return [
        make_finding(
            Code.NO_DISCLOSURE,
            "The post does not say which department or agency you represent. Wherever "
            "possible, disclose your position as a representative of your department or "
            f"agency, for example by mentioning {names[0]}.",
        )
    ]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("&", " and ")))


def _squash(text: str) -> str:
    return "".join(re.findall(r"[^\W_]+", text.casefold().replace("&", "and")))


def _account_variants(handle: str) -> set[str]:
    """The handle, and the handle less the affixes departments add ("@ukhomeoffice")."""
    core = _squash(handle)
    stems = {core, *(core.removesuffix(s) for s in ("govuk", "uk", "gov") if core.endswith(s))}
    stems |= {stem.removeprefix("uk") for stem in stems}
    stems.discard("")
    return stems
