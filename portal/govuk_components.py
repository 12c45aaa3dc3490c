"""A faster renderer for govuk-frontend-django's components.

The library renders each component by building a new Jinja environment and
compiling the component's macro again, on every call: about 10-30 ms per
component, which made a plain page take 70 ms. The markup comes from the
same govuk-frontend-jinja macros; here the environment is built once, each
compiled template is kept, and so is the markup of the components most
recently rendered: a component's markup depends on nothing but its data, and
the layout's (header, footer, skip link, breadcrumbs) is the same on page
after page. ``install()`` puts this in place of the library's method.
"""

import dataclasses
import functools

from django.utils.safestring import SafeData, mark_safe
from govuk_frontend_django.components.base import GovUKComponent
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from portal.caching.store import LocalStore

library_render = GovUKComponent.render

# Distinct markup needs distinct keys, so each kind of value is tagged: text
# marked safe is not escaped, and True prints unlike 1 though they are equal.
_SAFE, _DICT, _LIST = object(), object(), object()


class _Unkeyable(Exception):
    """Data that cannot be told apart by value (a lazy translation, say)."""


@functools.cache
def _environment() -> Environment:
    loader = ChoiceLoader(
        [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    )
    return Environment(loader=loader, autoescape=select_autoescape(), auto_reload=False)


@functools.cache
def _compiled(source: str):
    return _environment().from_string(source)


def _without_nones(data):
    """The macros test for absent keys, so drop every None, at any depth."""
    if isinstance(data, list):
        return [_without_nones(item) for item in data]
    if isinstance(data, dict):
        return {key: _without_nones(value) for key, value in data.items() if value is not None}
    return data


def _key(value):
    if isinstance(value, SafeData):
        return (_SAFE, str(value))
    if value is None or type(value) in (str, int, float, bool):
        return (type(value), value)
    if isinstance(value, dict):
        return (_DICT, *((name, _key(item)) for name, item in value.items()))
    if isinstance(value, list | tuple):
        return (_LIST, *(_key(item) for item in value))
    if dataclasses.is_dataclass(value):
        return (type(value), *(_key(getattr(value, f.name)) for f in dataclasses.fields(value)))
    raise _Unkeyable


# Markup by (macro, data key).
_markup = LocalStore(maxsize=2048)


def _remembered_markup(source: str, data) -> str:
    return _markup.get_or_set(
        (source, _key(data)), lambda: _compiled(source).render(data=_without_nones(data))
    )


def render(self, template_name=None, context=None, renderer=None, component_data=None):
    data = dict(self.__dict__)
    if component_data:
        data.update(component_data)
    source = self.build_jinja_template()
    try:
        markup = _remembered_markup(source, data)
    except _Unkeyable:
        markup = _compiled(source).render(data=_without_nones(data))
    return mark_safe(markup)  # noqa: S308


def install():
    GovUKComponent.render = render
    GovUKComponent.__str__ = render
    GovUKComponent.__html__ = render
