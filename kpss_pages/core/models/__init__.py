from .outbox import OutgoingEmail
from .page_cache import PageCacheGeneration
from .section import SectionPage
from .settings import KpssSettings

__all__ = ["KpssSettings", "OutgoingEmail", "PageCacheGeneration", "SectionPage"]
