"""Reading numbers people type or links carry, where a bad one means "none"."""


def whole_number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
