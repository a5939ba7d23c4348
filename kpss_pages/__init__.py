"""Planning pages: three Django apps kept apart so each owns its models and migrations.

- ``kpss_pages.groups``: working groups, meetings, the harmonogram, registrations;
- ``kpss_pages.plan``: community plans, chapters, priorities, measures, monitoring;
- ``kpss_pages.news``: articles, feeds, subscriptions and newsletter issues.
"""
