"""The portal's addresses, and two that fail, for the error pages' tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import handler500
from portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def refuse(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("The service failed while answering.")


urlpatterns = [path("refuse/", refuse), path("fail/", fail), *portal_urlpatterns]
