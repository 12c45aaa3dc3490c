"""A real OpenID provider (django-oidc-provider) for single sign-on tests.

A Django project of its own, run in a child process by harness.IdentityProvider;
nothing in it is imported by the portal's tests but harness.py.
"""
