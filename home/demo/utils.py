"""Helpers that keep demo loaders idempotent: find by slug, create only what is missing."""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page


@dataclass
class DemoContext:
    """Passed to every app's ``demo.load(ctx)``; apps may store shared objects in ``extra``."""

    stdout: object
    home: Page | None = None
    created: int = 0
    extra: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(message)


def ensure_page(ctx, parent, model, slug, **fields):
    """Return the live child of ``parent`` with ``slug``, creating and publishing it once."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    with transaction.atomic():
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    ctx.created += 1
    return page


def rich(*paragraphs):
    """Turn plain paragraphs into Wagtail rich text; lines starting with "- " become lists."""
    html, items = [], []
    for para in paragraphs:
        if para.startswith("- "):
            items.append(f"<li>{para[2:]}</li>")
            continue
        if items:
            html.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if para.startswith("## "):
            html.append(f"<h2>{para[3:]}</h2>")
        elif para.startswith("### "):
            html.append(f"<h3>{para[4:]}</h3>")
        else:
            html.append(f"<p>{para}</p>")
    if items:
        html.append("<ul>" + "".join(items) + "</ul>")
    return "".join(html)
