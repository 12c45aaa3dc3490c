"""Comments on a post's versions: the author and the people who sign the post
off talk it through, optionally about a quoted passage, in threads one reply
deep (a reply to a reply joins the same thread, as in a letter's margin).

- ``permissions``: who may comment, change and withdraw;
- ``services``: adding, changing (in the first five minutes) and withdrawing;
- ``selectors``: a post's threads in one query;
- ``digest``: the e-mail telling each person of new comments, at most one a
  quarter-hour.
"""
