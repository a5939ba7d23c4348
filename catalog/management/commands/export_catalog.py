"""Write the open-data exports of the catalogue: HSDS JSON, HSDS tabular ZIP, simple CSV."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from catalog import hsds

FORMATS = {
    "hsds-json": "katalog-hsds.json",
    "hsds-zip": "katalog-hsds.zip",
    "csv": "katalog-sluzeb.csv",
}


class Command(BaseCommand):
    help = "Export all active services as HSDS 3.0 JSON, the HSDS tabular package and CSV."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Directory to write the files into.")
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            action="append",
            help="Only this format (repeatable); default all.",
        )

    def handle(self, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        for fmt in options["format"] or list(FORMATS):
            path = target / FORMATS[fmt]
            if fmt == "hsds-json":
                path.write_text(json.dumps(hsds.hsds_json(), ensure_ascii=False, indent=2), "utf-8")
            elif fmt == "hsds-zip":
                path.write_bytes(hsds.hsds_zip())
            else:
                path.write_text(hsds.simple_csv(), "utf-8")
            self.stdout.write(f"{path}")
