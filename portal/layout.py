"""What the layout shows of the signed-in person on every page (the
navigation's entries and counts, the banners), read once per request: what
the apps keep of it in the cache is read together, in one round trip."""

from portal import banners, navigation
from portal.caching import generations


def answers(request) -> tuple[list, list[list]]:
    """The navigation's answers and each banner's, for ``request.user``."""
    read = request.__dict__.get("_layout")
    if read is None:
        user = request.user
        for_navigation = navigation.asked(user)
        for_banners = banners.asked(user)
        flat = iter(
            generations.remember_all(
                for_navigation + [need for needs in for_banners for need in needs]
            )
        )
        read = (
            [next(flat) for _ in for_navigation],
            [[next(flat) for _ in needs] for needs in for_banners],
        )
        request.__dict__["_layout"] = read
    return read
