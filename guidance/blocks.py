"""The few kinds of content a guidance page body is made of.

Kept small on purpose: guidance reads best as plain paragraphs, with the
odd point set apart, lists of what to do and not do, and the Civil Service
Code one click away.
"""

from wagtail import blocks

CIVIL_SERVICE_CODE_URL = "https://www.gov.uk/government/publications/civil-service-code"

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
CALLOUT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=CALLOUT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Callout"
        template = "guidance/blocks/callout.html"
        help_text = "A point readers must not miss, set apart from the text around it."


class DoDontBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional, for example Examples. The lists get their own headings under it.",
    )
    do = blocks.ListBlock(blocks.CharBlock(max_length=300, label="Do"), label="Do")
    dont = blocks.ListBlock(blocks.CharBlock(max_length=300, label="Don't"), label="Don't")

    class Meta:
        icon = "list-ul"
        label = "Do and don't"
        template = "guidance/blocks/do_dont.html"


class CivilServiceCodeLinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, default="The Civil Service Code can be viewed at")
    url = blocks.URLBlock(default=CIVIL_SERVICE_CODE_URL, label="Address")

    class Meta:
        icon = "link"
        label = "Link to the Civil Service Code"
        template = "guidance/blocks/civil_service_code_link.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # An address quoted from an older document may no longer work, so
        # the current Code is always one click away too.
        context["current_url"] = CIVIL_SERVICE_CODE_URL
        return context


class GuidanceStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, template="guidance/blocks/text.html")
    callout = CalloutBlock()
    do_dont = DoDontBlock()
    civil_service_code = CivilServiceCodeLinkBlock()

    class Meta:
        template = "guidance/blocks/body.html"
