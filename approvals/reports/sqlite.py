"""``percentile_cont`` for SQLite, which `make run` uses and which has none: the
same continuous percentile as PostgreSQL's, registered on each new SQLite
connection as an aggregate of two arguments (the value and the fraction), so
that the reports' ``Percentile`` works on both."""

import math


class ContinuousPercentile:
    def __init__(self):
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction):
        if value is not None:
            self.values.append(value)
        self.fraction = fraction

    def finalize(self):
        if not self.values:
            return None
        ordered = sorted(self.values)
        position = self.fraction * (len(ordered) - 1)
        below, above = ordered[math.floor(position)], ordered[math.ceil(position)]
        return below + (above - below) * (position - math.floor(position))


def add_percentile(sender, connection, **kwargs) -> None:
    """A ``connection_created`` receiver."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("percentile_cont", 2, ContinuousPercentile)
