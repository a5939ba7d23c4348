"""Signal handlers of the shared base, connected in ``KpssCoreConfig.ready()``."""


def connect():
    from . import page_queries
    from .page_cache import invalidation

    invalidation.connect()
    page_queries.connect()
