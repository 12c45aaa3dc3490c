"""Sensitive periods: times when official posts stop, unless essential.

``coverage`` says which periods cover a department at a time; ``services``
declares, changes and ends them, stops posting now, holds the posts a new
period catches and releases them; the site's pages are in ``views``.
"""
