"""The retention schedule (``RetentionSchedule``, edited in the Wagtail admin's
Settings) and the sweep that applies it: drafts never submitted are deleted
once old, each deletion audited; records of submitted posts are only listed
for review. Audit events are never deleted."""
