"""Czech for Wagtail's own admin strings that Wagtail's Czech catalogue lacks, so that the
admin shows no English ("Just now" on the form-builder listing). The strings are Wagtail's
msgids verbatim; ``bin/messages`` puts them into this app's catalogue, where Django finds
them because Wagtail's catalogue has no entry for them."""

from django.utils.translation import gettext_noop

WAGTAIL_MSGIDS = [
    gettext_noop("just now"),  # wagtailadmin_tags.timesince_simple, shown capitalised
]
