"""GOV.UK form parts the apps' forms share (markup through crispy-forms-gds)."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size
from django import forms


class DateField(DateInputField):
    """crispy-forms-gds' day, month and year, refusing numbers too big for a date:
    its own check catches ValueError, and a day or year of 19 digits or more
    raises OverflowError instead, which was a server error."""

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except OverflowError as error:
            raise forms.ValidationError("Enter a real date") from error


def form_helper(*fields) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields)
    return helper
