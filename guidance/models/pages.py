"""The guidance as Wagtail pages, and which page may sit under which.

GuidanceHomePage (one, at the site root; its card/ route is the printable card)
├── PrinciplePage (five, one per principle, ordered by number)
├── CivilServiceCodePage (one)
└── GuidancePage (any number, nesting under each other)
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from guidance.admin_forms import GuidancePageForm
from guidance.blocks import GuidanceStreamBlock

REACKNOWLEDGEMENT_PANEL = MultiFieldPanel(
    [FieldPanel("requires_reacknowledgement")], heading="Readers' confirmation"
)


class GuidanceBasePage(Page):
    requires_reacknowledgement = models.BooleanField(
        "This change means everyone must confirm again",
        default=False,
        help_text=(
            "Tick for a change to what civil servants must do. When it is published, "
            "every reader has to read the principles again and confirm they have, before "
            "they can submit a post for sign-off."
        ),
    )

    base_form_class = GuidancePageForm

    class Meta:
        abstract = True

    def searchable_text(self) -> list[str]:
        """The page's words as search sees them, for result snippets."""
        return [self.title]

    def breadcrumbs(self) -> list[dict]:
        """The page's place in the guidance: its ancestors below the tree's root."""
        ancestors = self.get_ancestors().filter(depth__gt=1).only("title", "url_path", "depth")
        return [
            {"text": "Home" if ancestor.depth == 2 else ancestor.title, "href": ancestor.url}
            for ancestor in ancestors
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = self.breadcrumbs()
        return context


class GuidanceBodyPage(GuidanceBasePage):
    body = StreamField(GuidanceStreamBlock(), blank=True)

    class Meta:
        abstract = True

    def body_text(self) -> list[str]:
        return self.body.stream_block.get_searchable_content(self.body)


class GuidanceHomePage(RoutablePageMixin, GuidanceBasePage):
    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "guidance.PrinciplePage",
        "guidance.CivilServiceCodePage",
        "guidance.GuidancePage",
    ]
    max_count = 1
    template = "guidance/home_page.html"

    content_panels = [*Page.content_panels, FieldPanel("introduction"), REACKNOWLEDGEMENT_PANEL]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = "guidance home page"

    def searchable_text(self):
        return [self.title, self.introduction]

    def live_principles(self) -> list["PrinciplePage"]:
        return list(PrinciplePage.objects.child_of(self).live().public().order_by("number"))

    def contents(self) -> dict:
        """What the home page lists: the principles, the Code page and the other guidance."""
        return {
            "principles": self.live_principles(),
            "code_page": CivilServiceCodePage.objects.child_of(self).live().public().first(),
            "guidance_pages": list(GuidancePage.objects.child_of(self).live().public()),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contents"] = self.contents()
        context["card_url"] = self.url + self.reverse_subpage("card")
        return context

    @path("card/", name="card")
    def card(self, request):
        """The five principles and their statements, laid out to print on one sheet."""
        return self.render(
            request,
            template="guidance/principles_card.html",
            context_overrides={"principles": self.live_principles()},
        )


class PrinciplePage(GuidanceBodyPage):
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text="Where this principle comes in the list of principles.",
    )
    statement = models.TextField(
        max_length=300,
        help_text="The principle in one or two sentences, as it appears in lists and on the card.",
    )

    parent_page_types = ["guidance.GuidanceHomePage"]
    subpage_types = []
    template = "guidance/principle_page.html"

    content_panels = [
        FieldPanel("number"),
        *Page.content_panels,
        FieldPanel("statement"),
        FieldPanel("body", heading="Explanation and examples"),
        REACKNOWLEDGEMENT_PANEL,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("statement", boost=1.5),
        index.SearchField("body"),
        index.FilterField("number"),
    ]

    class Meta:
        verbose_name = "principle"

    def searchable_text(self):
        return [self.title, self.statement, *self.body_text()]


class CivilServiceCodePage(GuidanceBodyPage):
    parent_page_types = ["guidance.GuidanceHomePage"]
    subpage_types = []
    max_count = 1
    template = "guidance/civil_service_code_page.html"

    content_panels = [*Page.content_panels, FieldPanel("body"), REACKNOWLEDGEMENT_PANEL]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "how the Civil Service Code applies page"

    def searchable_text(self):
        return [self.title, *self.body_text()]


class GuidancePage(GuidanceBodyPage):
    introduction = models.TextField(
        blank=True, max_length=500, help_text="One or two sentences shown under the title."
    )

    parent_page_types = ["guidance.GuidanceHomePage", "guidance.GuidancePage"]
    subpage_types = ["guidance.GuidancePage"]
    template = "guidance/guidance_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        REACKNOWLEDGEMENT_PANEL,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "guidance page"

    def searchable_text(self):
        return [self.title, self.introduction, *self.body_text()]
