"""The document upload form of a KPSS site (``WAGTAILDOCS_DOCUMENT_FORM_BASE``): a captions
file (``.vtt``) is refused at upload unless it is WebVTT, so a video's ``<track>`` never
points to a file the browser would ignore."""

from wagtail.documents.forms import BaseDocumentForm

from .validators import validate_webvtt_file


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        file = self.cleaned_data.get("file")
        if (
            file
            and getattr(file, "name", "").lower().endswith(".vtt")
            and "file" in self.changed_data
        ):
            validate_webvtt_file(file)
        return file
