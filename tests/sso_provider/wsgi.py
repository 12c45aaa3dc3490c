"""The provider, ready to serve: gunicorn runs it in one worker process, which
makes the database and the signing key before its first request."""

import os

from django.core.management import call_command
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.sso_provider.settings")
application = get_wsgi_application()

# In-process: each `manage.py` command would cost a Python and Django start-up.
call_command("migrate", verbosity=0, interactive=False)
call_command("creatersakey")
