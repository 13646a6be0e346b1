"""Career framework core, and the mkdocs-macros entry point `define_env` for hand-written pages."""


def define_env(env):  # noqa: ANN001, ANN201 - signature fixed by mkdocs-macros
    """mkdocs-macros entry point (kept lazy so the CLI does not import the site layer)."""
    from .site_macros import define_env as _define_env

    _define_env(env)
