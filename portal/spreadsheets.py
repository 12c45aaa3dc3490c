"""Cells for a spreadsheet someone will open: one rule for every export."""

# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# First in every CSV: Excel reads a CSV without it in the machine's own code
# page, and a name such as "Siân" comes out garbled.
BYTE_ORDER_MARK = "\ufeff"


def as_text(value):
    """``value`` as a spreadsheet shows it: a string that would start a formula
    gets an apostrophe first, so that it stays text; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
