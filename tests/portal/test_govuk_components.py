import pytest
from django.utils.safestring import mark_safe
from govuk_frontend_django.components.footer import FooterContentlicence, GovUKFooter
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
    ServiceNavigationSlots,
)
from govuk_frontend_django.components.skip_link import GovUKSkipLink
from govuk_frontend_django.components.tag import GovUKTag

from portal.govuk_components import library_render

pytestmark = pytest.mark.unit

COMPONENTS = [
    GovUKSkipLink(text="Skip to main content", href="#main-content"),
    GovUKTag(text="Waiting <for> you", classes="govuk-tag--yellow"),
    GovUKServiceNavigation(
        serviceName="Participating online",
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(text="Guidance", href="/", current=True)],
        slots=ServiceNavigationSlots(navigationEnd="<li>end</li>"),
    ),
    GovUKFooter(contentLicence=FooterContentlicence(html="Open Government Licence")),
]


def test_the_cached_renderer_produces_the_librarys_markup_exactly():
    for component in COMPONENTS:
        assert str(component) == library_render(component)


def test_component_text_is_escaped():
    assert "Waiting &lt;for&gt; you" in str(COMPONENTS[1])


def test_markup_kept_for_text_is_not_served_for_the_same_text_marked_safe():
    plain = GovUKTag(text="<b>waiting</b>")
    trusted = GovUKTag(text=mark_safe("<b>waiting</b>"))
    assert "&lt;b&gt;waiting" in str(plain)
    assert "<b>waiting</b>" in str(trusted)
    assert "&lt;b&gt;waiting" in str(GovUKTag(text="<b>waiting</b>"))


def test_a_component_rendered_again_with_other_data_shows_the_new_data():
    first = GovUKServiceNavigation(
        serviceName="Participating online",
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(text="Sign-off", href="/approvals/")],
    )
    again = GovUKServiceNavigation(
        serviceName="Participating online",
        serviceUrl="/",
        navigation=[ServiceNavigationNavigation(text="Sign-off", href="/approvals/", active=True)],
    )
    assert str(first) == library_render(first)
    assert str(again) == library_render(again)
    assert str(first) != str(again)
