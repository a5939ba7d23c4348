"""Demo content of the reference site: a fictional ORP's KPSS website in Czech.

It belongs to the reference site, not to the plugin set: a town installing the plugins gets
no demo code. ``manage.py load_demo`` calls ``load`` with each part in its own transaction,
in the order the pages depend on each other (the home page and vocabularies first).
"""

from . import catalog, groups, links, news, plan, sign_language, site

PARTS = (site, sign_language, catalog, groups, plan, news, links)
