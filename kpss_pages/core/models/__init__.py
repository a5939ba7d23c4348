from .section import SectionPage
from .settings import KpssSettings

__all__ = ["KpssSettings", "SectionPage"]
