from govuk_frontend_django.components.footer import FooterContentlicence, GovUKFooter
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
    ServiceNavigationSlots,
)
from govuk_frontend_django.components.skip_link import GovUKSkipLink
from govuk_frontend_django.components.tag import GovUKTag

from portal.govuk_components import library_render

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
