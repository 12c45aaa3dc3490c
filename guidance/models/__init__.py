from .acknowledgements import Acknowledgement, GuidanceVersion
from .pages import (
    CivilServiceCodePage,
    GuidanceHomePage,
    GuidancePage,
    PrinciplePage,
)
from .workflow import PolicyReviewTask

__all__ = [
    "Acknowledgement",
    "CivilServiceCodePage",
    "GuidanceHomePage",
    "GuidancePage",
    "GuidanceVersion",
    "PolicyReviewTask",
    "PrinciplePage",
]
