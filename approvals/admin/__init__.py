"""The Wagtail admin's views, forms and viewsets for sign-off."""
