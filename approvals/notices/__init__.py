"""In-page notices: what changed for a person since they last looked (new
comments, decisions on their posts, posts newly waiting for them), counted
beside their name on every page and listed on their notices page.

Anything in approvals tells someone with ``services.notify`` (or
``notify_many``) inside its own transaction; ``counting.unread_for`` is the
count in the header, kept in the cache until their notices change.
"""
