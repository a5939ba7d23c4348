"""Signal handlers of the shared base, connected in ``KpssCoreConfig.ready()``."""


def connect():
    from .page_cache import invalidation

    invalidation.connect()
