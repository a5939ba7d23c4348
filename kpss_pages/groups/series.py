"""Parse a pasted schedule (seed 000) into meetings: "2. 8. 9:00 – 11:00 – CÍLOVÁ SKUPINA senioři".

Lines naming a phase ("Analytická část:", "Návrhová část") switch the phase of the lines
below; the year rolls over when the month goes back (December → January).
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Phase

LINE_RE = re.compile(
    r"^\s*(?P<day>\d{1,2})\.\s*(?P<month>\d{1,2})\.\s*(?P<year>\d{4})?\s*"
    r"(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*[-–—]\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})"
    r"\s*(?:[-–—]\s*(?P<label>.*?))?\s*$"
)
PHASE_WORDS = {
    "analyt": Phase.ANALYTICAL,
    "navrh": Phase.PROPOSAL,
    "realizac": Phase.IMPLEMENTATION,
    "implementac": Phase.IMPLEMENTATION,
}
ABBREVIATIONS = {"os.": "osoby", "soc.": "socialnim", "zdrav.": "zdravotnim"}


@dataclass
class ParsedMeeting:
    line_no: int
    start: datetime
    end: datetime
    label: str
    phase: str
    group: object = None

    @property
    def phase_label(self):
        return Phase(self.phase).label


def normalize(text):
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [ABBREVIATIONS.get(w, w) for w in text.replace("\xa0", " ").split()]
    text = " ".join(words)
    text = re.sub(r"^(cilova skupina|pracovni skupina|ps)\s+", "", text)
    return re.sub(r"[^a-z0-9 ]", "", text).strip()


def match_group(label, groups):
    wanted = normalize(label)
    if not wanted:
        return None
    for group in groups:
        names = {normalize(group.label), normalize(group.title)}
        if group.target_group_id:
            names.add(normalize(group.target_group.name))
        if group.municipality_id:
            names.add(normalize(group.municipality.name))
        if wanted in names:
            return group
    return None


def detect_phase(line):
    words = normalize(line)
    if LINE_RE.match(line) or len(words) > 40:
        return None
    for stem, phase in PHASE_WORDS.items():
        if words.startswith(stem) or f" {stem}" in f" {words}" and "cast" in words:
            return phase
    return None


def parse_schedule(text, first_year, phase, groups, default_group=None):
    """Return (meetings, errors); errors are Czech messages naming the line."""
    tz = ZoneInfo(settings.TIME_ZONE)
    meetings, errors = [], []
    year, last_month = first_year, None
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        new_phase = detect_phase(line)
        if new_phase:
            phase = new_phase
            continue
        match = LINE_RE.match(line)
        if not match:
            errors.append(
                _(
                    'Line %(no)s: "%(line)s" is not a date and time like "2. 8. 9:00 – 11:00 – '
                    'CÍLOVÁ SKUPINA senioři".'
                )
                % {"no": line_no, "line": line[:80]}
            )
            continue
        day, month = int(match["day"]), int(match["month"])
        if match["year"]:
            year = int(match["year"])
        elif last_month is not None and month < last_month:
            year += 1
        last_month = month
        try:
            day_date = date(year, month, day)
            start_t = time(int(match["h1"]), int(match["m1"]))
            end_t = time(int(match["h2"]), int(match["m2"]))
        except ValueError:
            errors.append(_("Line %(no)s: there is no such date or time.") % {"no": line_no})
            continue
        if end_t <= start_t:
            errors.append(_("Line %(no)s: the meeting must end after it starts.") % {"no": line_no})
            continue
        label = (match["label"] or "").strip()
        group = match_group(label, groups) if label else None
        if group is None:
            group = default_group
        if group is None:
            errors.append(
                _(
                    'Line %(no)s: no working group matches "%(label)s". Choose a default group '
                    "or use the group's label in the schedule."
                )
                % {"no": line_no, "label": label}
            )
            continue
        meetings.append(
            ParsedMeeting(
                line_no=line_no,
                start=datetime.combine(day_date, start_t, tzinfo=tz),
                end=datetime.combine(day_date, end_t, tzinfo=tz),
                label=label,
                phase=phase,
                group=group,
            )
        )
    if not meetings and not errors:
        errors.append(_("Enter at least one meeting."))
    return meetings, errors


def meeting_title(parsed):
    start = parsed.start
    return f"Setkání {start.day}. {start.month}. {start.year} – {parsed.group.label}"


def create_meetings(parsed_meetings, *, room, address, is_public, seat_limit, publish, user=None):
    """Create one MeetingPage per parsed line below its group (all or nothing)."""
    from django.db import transaction
    from django.utils.text import slugify

    from .models import MeetingPage

    created = []
    with transaction.atomic():
        for parsed in parsed_meetings:
            group = parsed.group
            base = slugify(f"setkani-{parsed.start:%Y-%m-%d}-{parsed.start:%H%M}")
            slug, n = base, 2
            while group.get_children().filter(slug=slug).exists():
                slug, n = f"{base}-{n}", n + 1
            page = MeetingPage(
                title=meeting_title(parsed),
                slug=slug,
                start=parsed.start,
                end=parsed.end,
                phase=parsed.phase,
                room=room,
                address=address,
                is_public=is_public,
                seat_limit=seat_limit,
                live=False,
            )
            group.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
            created.append(page)
    return created
