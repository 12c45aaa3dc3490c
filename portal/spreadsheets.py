"""Cells for a spreadsheet someone will open: one rule for every export."""

# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """``value`` as a spreadsheet shows it: a string that would start a formula
    gets an apostrophe first, so that it stays text; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
