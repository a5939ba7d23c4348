#!/usr/bin/env python
"""Benchmark of the Plone import (not a test; results in bench/README.md).

    export DATABASE_URL=sqlite:////tmp/plone-bench.sqlite3   # or postgres://…
    .venv/bin/python bench/plone_bench.py generate /tmp/plone-bench.json [ITEMS] [BLOBS]
    .venv/bin/python bench/plone_bench.py measure  /tmp/plone-bench.json

`generate` writes collective.exportimport's single JSON file (written item by item, so the
generator's memory stays small too): ITEMS items (default 10,000) in folders per working
group, documents with ~3 kB of HTML linking to other items by resolveuid and by path, news
items, events, links, collections, and BLOBS files and images (default 2,000; PDFs of
~150 kB and PNG images of ~120 kB inline as base64). `measure` migrates the database, imports
the file under the default site's root page, then imports it again (nothing changed), and
prints the times and the process's peak memory (ru_maxrss).
"""

import base64
import io
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpss_site.settings.dev")
os.environ.setdefault("DEBUG", "0")

PORTAL = "http://localhost:8080/Plone"
GROUPS = ["seniori", "rodiny-s-detmi", "zdravotne-postizeni", "socialni-vylouceni", "zavislosti"]


def _uid(n):
    return f"{n:032x}"


def _png(rng):
    from PIL import Image

    size = 200
    image = Image.frombytes("RGB", (size, size), rng.randbytes(size * size * 3))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def generate(path, items=10_000, blobs=2_000):
    rng = random.Random(13)
    pngs = [_png(rng) for _ in range(8)]
    pdf_head = b"%PDF-1.4\n"
    written = 0
    folders = []  # (uid, path)
    with open(path, "w", encoding="utf-8") as out:
        out.write("[")

        def emit(item):
            nonlocal written
            out.write("," if written else "")
            json.dump(item, out, ensure_ascii=False)
            written += 1

        def base(n, portal_type, parent_uid, parent_path, slug, title, **fields):
            parent = (
                {"@id": PORTAL + parent_path, "@type": "Folder", "UID": parent_uid}
                if parent_uid
                else {"@id": PORTAL, "@type": "Plone Site"}
            )
            return {
                "@id": f"{PORTAL}{parent_path}/{slug}",
                "@type": portal_type,
                "UID": _uid(n),
                "id": slug,
                "title": title,
                "description": f"Popis položky {title}.",
                "parent": parent,
                "review_state": "published" if n % 7 else "private",
                "created": "2020-01-01T10:00:00+01:00",
                "modified": "2024-01-01T10:00:00+01:00",
                "effective": "2020-02-01T10:00:00+01:00",
                "expires": None,
                "exclude_from_nav": n % 11 == 0,
                "subjects": ["plánování", GROUPS[n % len(GROUPS)]],
                "language": "cs",
                **fields,
            }

        n = 1
        top = base(n, "Folder", "", "", "komunitni-planovani", "Komunitní plánování")
        emit(top)
        folders.append((top["UID"], "/komunitni-planovani"))
        n += 1
        news = base(n, "Folder", top["UID"], "/komunitni-planovani", "aktuality", "Aktuality")
        emit(news)
        news_folder = (news["UID"], "/komunitni-planovani/aktuality")
        n += 1
        blob_every = max(1, (items - n) // max(1, blobs)) if blobs else 0
        blobs_left = blobs
        while n <= items:
            kind = n % 20
            if blob_every and n % blob_every == 0 and blobs_left:
                parent_uid, parent_path = rng.choice(folders)
                if blobs_left % 2:
                    data = pdf_head + rng.randbytes(150_000)
                    field = "file"
                    slug, portal_type, ctype = f"dokument-{n}.pdf", "File", "application/pdf"
                else:
                    data = pngs[n % len(pngs)]
                    field = "image"
                    slug, portal_type, ctype = f"obrazek-{n}.png", "Image", "image/png"
                blob = {
                    "data": base64.b64encode(data).decode(),
                    "encoding": "base64",
                    "content-type": ctype,
                    "filename": slug,
                }
                emit(
                    base(
                        n,
                        portal_type,
                        parent_uid,
                        parent_path,
                        slug,
                        f"Soubor {n}",
                        **{field: blob},
                    )
                )
                blobs_left -= 1
            elif kind == 0 or len(folders) < 6:
                parent_uid, parent_path = rng.choice(folders[:40])
                slug = f"slozka-{n}"
                emit(base(n, "Folder", parent_uid, parent_path, slug, f"Složka {n}"))
                folders.append((_uid(n), f"{parent_path}/{slug}"))
            elif kind in (1, 2, 3):
                slug = f"zprava-{n}"
                emit(
                    base(
                        n,
                        "News Item",
                        news_folder[0],
                        news_folder[1],
                        slug,
                        f"Zpráva {n}",
                        text={"content-type": "text/html", "data": _html(rng, n, folders)},
                    )
                )
            elif kind == 4:
                parent_uid, parent_path = rng.choice(folders)
                emit(
                    base(
                        n,
                        "Event",
                        parent_uid,
                        parent_path,
                        f"setkani-{n}",
                        f"Setkání {n}",
                        start="2024-05-01T14:00:00+02:00",
                        end="2024-05-01T16:00:00+02:00",
                        location="Radnice",
                        text={"data": "<p>Program jednání.</p>"},
                    )
                )
            elif kind == 5:
                parent_uid, parent_path = rng.choice(folders)
                emit(
                    base(
                        n,
                        "Link",
                        parent_uid,
                        parent_path,
                        f"odkaz-{n}",
                        f"Odkaz {n}",
                        remoteUrl="https://www.mpsv.cz/",
                    )
                )
            elif kind == 6:
                parent_uid, parent_path = rng.choice(folders)
                emit(base(n, "Collection", parent_uid, parent_path, f"vypis-{n}", f"Výpis {n}"))
            else:
                parent_uid, parent_path = rng.choice(folders)
                emit(
                    base(
                        n,
                        "Document",
                        parent_uid,
                        parent_path,
                        f"stranka-{n}",
                        f"Stránka {n}",
                        text={"content-type": "text/html", "data": _html(rng, n, folders)},
                    )
                )
            n += 1
        out.write("]")
    size = Path(path).stat().st_size
    print(f"{written} items, {blobs - blobs_left} files and images, {size / 1e6:.0f} MB: {path}")


def _html(rng, n, folders):
    paragraphs = []
    for i in range(8):
        target = _uid(rng.randrange(1, n + 500))
        folder = rng.choice(folders)[1]
        paragraphs.append(
            f'<p style="margin:0">Odstavec {i} stránky {n}: komunitní plánování sociálních '
            f'služeb pokračuje, viz <a href="resolveuid/{target}">související stránka</a> a '
            f'<a href="{folder}/view">složka</a>. Lorem ipsum dolor sit amet, consectetur '
            f"adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore.</p>"
        )
    return "<h2>Nadpis</h2>" + "".join(paragraphs) + "<script>alert(1)</script>"


def measure(path):
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("migrate", verbosity=0)
    for label in ("first import", "second import (nothing changed)"):
        out = io.StringIO()
        start = time.monotonic()
        call_command("import_plone", path, stdout=out)
        elapsed = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {elapsed:.0f} s, peak memory {peak:.0f} MB, {Page.objects.count()} pages")
        print("  " + out.getvalue().strip().splitlines()[-1])


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("generate", "measure"):
        sys.exit(__doc__)
    if sys.argv[1] == "generate":
        generate(sys.argv[2], *(int(a) for a in sys.argv[3:5]))
    else:
        measure(sys.argv[2])
