from django import forms, template

register = template.Library()


@register.filter
def error_target(bound_field, field_id: str) -> str:
    """Where an error summary's link for ``field_id`` should take focus, as
    the Design System asks: the first radio or checkbox of a group (which
    crispy-forms-gds numbers from 1), the day of a date, else the field."""
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_1"
    if field_id == bound_field.auto_id and hasattr(bound_field.field, "fields"):
        return f"{bound_field.auto_id}_0"
    return field_id
