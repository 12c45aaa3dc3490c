"""Single sign-on through the organisation's identity provider (OpenID Connect).

mozilla-django-oidc runs the authorization code flow (with PKCE); these
modules add what a department's provider needs of it: its endpoints read
from one issuer URL (``provider``), accounts linked to the provider's
subject rather than matched by e-mail at every sign-in (``accounts``), each
way it can fail said plainly on the sign-in page (``refusals``), and signing
out of the provider too (``sign_out``). The backend itself is
``portal.auth.OrganisationAccountBackend``.
"""
