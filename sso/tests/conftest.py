from sso.tests.provider import oidc_provider, oidc_provider_process  # noqa: F401  (fixtures)
