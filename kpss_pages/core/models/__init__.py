from .outbox import OutgoingEmail
from .section import SectionPage
from .settings import KpssSettings

__all__ = ["KpssSettings", "OutgoingEmail", "SectionPage"]
