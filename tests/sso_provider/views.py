import hmac
import json

from django.conf import settings
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tests.sso_provider.people import ACTIONS


@csrf_exempt
@require_POST
def harness(request, action):
    """The harness's way in, to set up clients and people in one quick request
    each: the JSON body is the action's keyword arguments."""
    expected = f"Bearer {settings.HARNESS_TOKEN}"
    if not hmac.compare_digest(request.headers.get("Authorization", ""), expected):
        return HttpResponseForbidden()
    if action not in ACTIONS:
        raise Http404(action)
    return JsonResponse(ACTIONS[action](**json.loads(request.body)))
