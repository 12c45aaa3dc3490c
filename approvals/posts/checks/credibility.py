"""Be credible: a post the channel cuts short, or a link that can be altered on its way to
the reader, no longer says accurately what was signed off."""

import re

from approvals.posts.channels import Channel, Counting, link_spans, post_length
from approvals.posts.checks.findings import Code, Finding, make_finding, quoting
from approvals.posts.checks.reading import Reading

_COUNTING = {
    Counting.X: ", counting each link as 23 characters",
    Counting.EMOJI_AS_BYTES: ", counting each emoji as the bytes it takes (most take 4)",
}


def too_long(text: str, channel: Channel) -> list[Finding]:
    if channel.limit is None:
        return []
    length = post_length(text, channel)
    if length <= channel.limit:
        return []
    counting = _COUNTING.get(channel.rules.counts, "")
    return [
        make_finding(
            Code.TOO_LONG,
            f"The post is {length:,} characters long. {channel.label} allows up to "
            f"{channel.limit:,} characters{counting}. Remove at least "
            f"{length - channel.limit:,} characters so that the post is not cut short.",
        )
    ]


_INSECURE_URL = re.compile(r"(?<!\w)http://[^\s<>\"]++", re.IGNORECASE)


def insecure_links(text: Reading, link: Reading) -> list[Finding]:
    candidates = (
        (source.text[start:end], source.quote(start, end))
        for source in (text, link)
        for start, end in link_spans(_INSECURE_URL, source.text)
    )
    return quoting(
        Code.INSECURE_LINK,
        "links that are not secure",
        lambda excerpt: (
            f"The link {excerpt} is not secure. Use a link that starts with https:// so "
            "that readers get the page you meant to share."
        ),
        candidates,
        key=str,
    )
